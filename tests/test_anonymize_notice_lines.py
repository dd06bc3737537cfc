"""A notice's own office line (issue #19): a text that opens with a public body's or a notice's heading gives
an area-coded number in a sentence that names no one (「公示期5天，电话…」「监督…」「联系…」): the body's line
stays. A private line in such a notice (beside a person, 本人, 联系人) is still masked."""
import pytest

from anonymize import Deidentifier


@pytest.mark.parametrize("text, line", [
    ("青河社区关于临时救助的公示：李红梅、托合提·卡德尔。公示期5天，电话0991-4412087。", "0991-4412087"),
    ("县林草站：下周起开展防火巡查，请配合。联系0991-4410032。", "0991-4410032"),
    ("白杨村护林员名单公示：王立军、阿依古丽·肉孜。监督0991-4415566。", "0991-4415566"),
])
def test_a_notices_own_line_stays(text, line):
    assert line in Deidentifier("k").text(text)


@pytest.mark.parametrize("text, line", [
    ("青河社区关于临时救助的公示：申请人李红梅，本人电话0991-4419371。", "0991-4419371"),
    ("县林草站：护林员王立军0991-4419372，负责三号林区。", "0991-4419372"),
])
def test_a_persons_line_in_a_notice_is_masked(text, line):
    assert line not in Deidentifier("k").text(text)
