"""Public spans a blind corpus (pii_blind6) showed altered, by class (issue #19), as general rules
with examples of our own: an office's contact person in a decision's closing sentence or beside
a leader's signature, with the office line given with them, and the address a notice gives for
an organisation as a field right after its name, with the contact and line that follow it. Private persons and homes beside them are still
masked."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("notice-classes-key").text(text)


DECISION = ("东江县人民政府关于滨河路拓宽项目房屋征收补偿决定书\n被征收人：郑秀兰，住东江县人民路8号3栋201室。\n"
            "如对本决定不服，可于60日内申请行政复议。联系人：温立群，电话0771-5552301。\n东江县房屋征收办公室")
REPLY = "东江县交通运输局关于第12号建议的答复\n尊敬的代表：……\n领导署名：祝春生　联系人：甘立行　电话：0771-5552302"
NOTICE = ("采购人：东江县教育局，地址：东江县人民路12号，联系人：岳晓琪，电话：0771-5552303\n"
          "中标供应商：东江宏达建材有限公司，地址：东江县和平路88号\n供应商联系人：司徒文渊，手机：13912345678")


@pytest.mark.parametrize("text, kept", [
    (DECISION, ("温立群", "0771-5552301")),
    (REPLY, ("祝春生", "甘立行", "0771-5552302")),
    (NOTICE, ("东江县人民路12号", "东江县和平路88号", "岳晓琪", "0771-5552303")),
    ("采购人：东江县城关镇第三中心小学，地址：东江县解放路6号，联系人：甘立行，电话：0771-5552304\n",
     ("甘立行", "0771-5552304")),
])
def test_public_spans_stay(text, kept):
    out = scrub(text)
    for term in kept:
        assert term in out, out


@pytest.mark.parametrize("text, gone", [
    (DECISION, ("郑秀兰", "8号3栋201室")),
    (NOTICE, ("13912345678",)),
    ("申请人：郑秀兰，地址：东江县人民路8号3栋201室", ("郑秀兰", "8号3栋201室")),
    ("补助已发放。经办人温立群已受到诫勉谈话。", ("温立群",)),
])
def test_private_spans_beside_them_go(text, gone):
    out = scrub(text)
    for term in gone:
        assert term not in out, out
