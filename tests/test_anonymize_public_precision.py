"""Public things kept (issue #19, precision): hamlets named by a family and its landform and old lanes
(「X里」「X坊」) whose alleys the text writes are places, not people."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("public-precision-key").text(text)


@pytest.mark.parametrize("text, public", [
    ("修路的挖掘机从柴家畔一直停到了河边。", "柴家畔"),
    ("新规划东至窦家坬，西至滨河大道，南至韩家梁。", "韩家梁"),
    ("东界窦家坬，南界韩家梁。", "窦家坬"),
    ("被征收人 邬春兰 坐落 寿康里4支弄17号后楼 面积 18.2㎡", "寿康里"),
    ("本周完成寿康里地块的腾空验收。", "寿康里"),
])
def test_hamlets_and_lanes_stay(text, public):
    assert public in scrub(text)
