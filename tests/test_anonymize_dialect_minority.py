"""Names in Cantonese sentences (read through the Mandarin function characters), Uyghur and Kazakh
names written with a full stop for the middle dot, Yi names of further clans and minority names
directly followed by an amount (issue #19)."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("dialect-minority-key").text(text)


@pytest.mark.parametrize("text, name", [
    ("阿明：收到，我阿爸韦振南嘅存折号码等阵发畀你", "韦振南"),
    ("班长：何少芬之女何嘉欣嘅学籍号系G4401", "何嘉欣"),
    ("坐席：你好。市民：喂，我系梁锦辉，住喺河堤路", "梁锦辉"),
    ("原告：阿依努尔.吐尔逊，女，维吾尔族", "阿依努尔.吐尔逊"),
    ("被告：阿克木呷，男，彝族", "阿克木呷"),
    ("工资：吉克阿牛9200元、阿苏拉哈7600元。", "阿苏拉哈"),
])
def test_names_go(text, name):
    out = scrub(text)
    assert name not in out
    assert name[1:] not in out  # never a partial name


def test_no_name_is_cut_before_a_cantonese_particle():
    out = scrub("阿坤：吴家豪之子吴俊熙嘅身份证号系")
    assert "熙" not in out and "俊" not in out


@pytest.mark.parametrize("text", [
    "工程已完成.下一步安排验收",
    "收入.支出.结余三项",
    "佢哋话唔该晒，政府帮咗好多",
])
def test_sentences_stay(text):
    assert scrub(text) == text
