"""Call names (称呼) where the text's structure makes them a person (issue #19): a mention after @,
a chat speaker, a vocative after a speaker's colon, a form glossed by a full name; the same words
elsewhere (小林 a grove, 小计 a heading, 阿姨 a relation) stay."""
import pytest

from anonymize import Deidentifier
from anonymize.familiar import familiar_forms
from anonymize.names import COMPOUND_SURNAMES, SURNAMES


def forms(text):
    return [w for _s, w in familiar_forms(text, SURNAMES, COMPOUND_SURNAMES)]


CHAT = "业主群\n覃月华：@老韦 水表换咗未？\n韦国栋：小覃，换咗啦\n老欧阳：收到\n阿珍（黎秀珍）：多谢"


def test_mentions_speakers_vocatives_and_glosses_are_found():
    assert forms(CHAT) == ["老韦", "小覃", "老欧阳", "阿珍"]


def test_a_gloss_outside_a_chat():
    assert forms("据了解，老龚即是龚德明的父亲") == ["老龚"]
    assert forms("联系人：桂姐（覃桂兰），") == ["桂姐"]


def test_the_call_names_are_masked():
    out = Deidentifier("familiar-key").text(CHAT)
    for name in ("老韦", "小覃", "老欧阳", "阿珍", "黎秀珍"):
        assert name not in out


@pytest.mark.parametrize("text", [
    "小林里的鸟很多，老师说小林即将开放。",   # a grove, no structure
    "合计：\n小计：300\n小结：按期完成",        # headings at a line's start
    "张三：阿姨，你好\n李四：好",                 # a relation, not a call name
    "王五：大姐，麻烦你\n赵六：好",
])
def test_words_and_relations_stay(text):
    assert forms(text) == []


def test_word_shaped_speakers_in_a_chat_among_persons():
    from anonymize.names import find_names
    chat = "小区群\n韦桂芬：今晚停水\n温暖：几点恢复？\n欧阳志明: 听讲十点\n温暖：收到"
    people = [s.value for s in find_names(chat) if s.kind == "person_name"]
    assert people.count("温暖") == 2 and "欧阳志明" in people
    minutes = "会议记录\n时间：3月1日\n地点：村委会\n金额：300元\n方式：现金"
    assert find_names(minutes) == []


@pytest.mark.parametrize("text, name", [
    ("混凝土强度合格，检验员覃振生出具报告", "覃振生"),
    ("本报讯（记者蒙晓燕）近日", "蒙晓燕"),
])
def test_inspectors_and_bylines(text, name):
    assert name not in Deidentifier("familiar-key").text(text)
