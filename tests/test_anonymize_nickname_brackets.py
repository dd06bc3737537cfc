"""A 老 nickname on a person's surname with the real name in brackets right after it (issue #19): 「孟老蔫（孟庆山）」
「的邱老太（邱桂芬）」「西北老郝（郝长林）：」 — both name the same person, so both go. A title with a name in brackets
(「邱老师（邱桂芬）」) and a place with a note in brackets stay as they were."""
import pytest

from anonymize import Deidentifier


@pytest.mark.parametrize("text, nickname", [
    ("看门的孟老蔫（孟庆山）昨天回老家了。", "孟老蔫"),
    ("照顾楼下的邱老太（邱桂芬），她腿脚不便。", "邱老太"),
    ("【菜场摊主群】\n西北老郝（郝长林）：明早不出摊", "西北老郝"),
    ("值班：柴老疙瘩（本名柴永福）。", "柴老疙瘩"),
])
def test_a_nickname_before_the_real_name(text, nickname):
    deid = Deidentifier("k")
    found = [f.value for f in deid.findings(text) if f.kind == "person_name"]
    assert nickname in found, found
    assert nickname not in deid.text(text)


@pytest.mark.parametrize("text", [
    "请联系邱老师（邱桂芬）核对。",
    "北门老街（东段）今起封闭施工。",
])
def test_titles_and_places_with_brackets(text):
    found = [f.value for f in Deidentifier("k").findings(text) if f.kind == "person_name"]
    assert not any(v.startswith(("邱老", "北门")) for v in found), found
