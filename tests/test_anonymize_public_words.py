"""Places and ordinary words that read as names stay (issue #19, session 16): old lanes named X里/X坊, a village or
township read as a transliterated name, loanwords of the north-west and crafts named by their people, a project's name
heading a line, a mine named by its mineral; a committee before a chat label is no surname."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("public-words-key").text(text)


@pytest.mark.parametrize("text, word", [
    ("城南片区包括同福里、积庆里两个片区。", "积庆里"),
    ("他是一位阿肯，会弹冬不拉。", "阿肯"),
    ("周日去巴扎上买了两斤葡萄干。", "巴扎"),
    ("下达阿克齐乡补助资金80万元。", "阿克齐乡"),
    ("她织的黎锦在展会上卖得很好。", "黎锦"),
    ("冯家江生态修复项目竣工验收记录", "冯家江"),
    ("他在白岩铅锌矿干了十年。", "白岩"),
])
def test_places_and_words_are_no_names(text, word):
    assert word in scrub(text)


def test_a_name_ending_in_wanli_is_still_a_name():
    assert "鲍万里" not in scrub("村民鲍万里反映屋顶漏雨。")


def test_a_name_before_a_project_in_a_sentence_is_still_a_name():
    assert "梁秀文" not in scrub("村民梁秀文表示对道路硬化工程很满意。")


def test_a_committee_before_a_chat_label_is_no_surname():
    out = scrub("【余庆坊邻居群】\n居委小满：明天上午九点量血压\n")
    assert "居委" in out and "小满" in out
