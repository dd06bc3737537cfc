"""Names in a form whose every character a scanner or a typist spaced out (issue #19): read on a
copy without the blanks inside spaced-out runs and masked whole; words with ordinary blanks between
them stay."""
import pytest

from anonymize import Deidentifier
from anonymize.names import find_names


def scrub(text):
    return Deidentifier("spaced-names-key").text(text)


FORM = "（扫描件）\n姓 名 ：覃 秀 珍  性别：女\n申 请 人：欧 阳 建 平  民族：汉\n家庭成员：\n  莫 桂 兰  母亲  1950"


@pytest.mark.parametrize("name", ["覃 秀 珍", "欧 阳 建 平", "莫 桂 兰"])
def test_spaced_out_names_are_found_whole(name):
    assert name in [s.value for s in find_names(FORM) if s.kind == "person_name"]
    assert name not in scrub(FORM)


def test_the_mask_reads_the_surname_through_the_blanks():
    assert "欧阳某某" in scrub(FORM)


@pytest.mark.parametrize("text", [
    "联系人 张 电话 见附件",          # a label, a surname alone, a word
    "项目 名称 道路 硬化 工程",
])
def test_words_with_blanks_between_them_stay(text):
    assert scrub(text) == text


def test_a_name_after_a_spaced_out_label():
    out = scrub("（扫描件）\n申 请 人：覃  丽  性别：女\n")
    assert "覃  丽" not in out and "丽" not in out
