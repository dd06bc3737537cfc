"""A two-character name padded to three with one blank after the surname (issue #19): 「韩 磊：」 as a chat's
speaker, 「、邢 芳、」 in a list, 「｜宁 波｜」 in a table, 「欧阳 晓月：」 with a compound surname. No cue is needed;
a pair inside speech-to-text with a blank after every character, or a spaced form label, is none."""
import pytest

from anonymize import Deidentifier


@pytest.mark.parametrize("text, name", [
    ("【三组邻里群】\n韩 磊：明早八点修水渠\n", "韩 磊"),
    ("验收名单：邢秋云、邢 芳、邢大勇。", "邢 芳"),
    ("户名｜裴 鑫｜开户行｜农商行", "裴 鑫"),
    ("欧阳 晓月：收到，谢谢", "欧阳 晓月"),
    ("户主：裴 鑫之母周桂兰", "裴 鑫"),
])
def test_a_padded_name_without_a_cue(text, name):
    found = [f.value for f in Deidentifier("k").findings(text) if f.kind == "person_name"]
    assert name in found, found


@pytest.mark.parametrize("text", [
    "我 要 反映 公 租 房 的 事",
    "姓 名：\n金 额：300元\n单 位：水利站",
    "联系人 张 电话 未留",
])
def test_no_name_in_spaced_words_or_labels(text):
    assert [f for f in Deidentifier("k").findings(text) if f.kind == "person_name"] == []
