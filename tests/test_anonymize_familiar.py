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
