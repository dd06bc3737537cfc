"""Unit tests of de-identification: validators, recognizers, transforms, policy, statistics."""
import pytest

from anonymize import Deidentifier, scrub_text
from anonymize.deidentify import mask
from anonymize.names import find_names
from anonymize.recognizers import find_identifiers, resolve
from anonymize.stats import SUPPRESSED, KAnonymityError, k_anonymity, require_k_anonymity, suppress_small_cells
from anonymize.validators import valid_id15, valid_id18, valid_luhn, valid_uscc

ID = "11010519491231002X"  # the GB 11643 example number: valid check digit


def kinds(text):
    return [(s.kind, s.value) for s in resolve(find_identifiers(text))]


def test_validators():
    assert valid_id18(ID) and valid_id18(ID.lower())
    assert not valid_id18("110105194912310021")  # wrong check digit
    assert not valid_id18("990105194912310029")  # no province 99
    assert not valid_id18("110105194913310024")  # month 13
    assert valid_id15("110105491231002") and not valid_id15("110105491331002")
    assert valid_luhn("6222021234567890128") and not valid_luhn("6222021234567890123")
    assert valid_uscc("91350100M000100Y43") and not valid_uscc("91350100M000100Y44")


@pytest.mark.parametrize("text", [
    "支付工程款13812345678.00元", "预算15234567890元", "￥13987654321", "合同编号：13812345678",
    "凭证号HT13907654321", "开工日期2026-03-15", "邮政编码410000", "G104国道", "热线12345",
    "流水号6222021234567890128", "身份证号110105194912310021校验失败",
])
def test_look_alikes_are_not_identifiers(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, kind", [
    (f"身份证{ID}", "id_number"), ("手机+86 138 1234 5678", "mobile"), ("电话138-1234-5678", "mobile"),
    ("座机(0731)84567890", "landline"), ("卡号6222 0212 3456 7890 128", "bank_card"),
    ("邮箱zhang.san@163.com", "email"), ("护照号E12345678", "passport"), ("往来港澳通行证C12345678", "passport"),
    ("车牌湘A·12345", "plate"),
    # issue #19: a validated ID is found whatever the separators (an odd split is still that ID)
    ("张三110105194912310 02X", "id_number"),
])
def test_identifiers_in_varied_formats(text, kind):
    found = kinds(text)
    assert [k for k, _v in found] == ([kind] if kind else [])


def _uscc(body):
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(alphabet.index(c) * w for c, w in zip(body, weights))
    return body + alphabet[(31 - total % 31) % 31]


def test_individual_business_credit_code_only():
    code = _uscc("92350100MA2YK1BX1")
    assert valid_uscc(code)
    assert kinds(f"个体工商户信用代码{code}") == [("uscc", code)]
    assert kinds("公司信用代码91350100M000100Y43") == []


def test_names_officials_companies_places():
    spans = {(s.kind, s.value) for s in find_names("区交通局局长李明带队查看，村民王建国反映路面破损，明远建设有限公司承建，李家村道路硬化。")}
    assert ("official", "李明") in spans
    assert ("person_name", "王建国") in spans
    assert not any(v in ("明远", "李家") for _k, v in spans)


def test_masks():
    """At most the last four digits stay (policy.VISIBLE_DIGITS); names become surname + 某某."""
    assert mask("id_number", ID) == "**************002X"
    assert mask("mobile", "+86 138 1234 5678") == "***-****-5678"
    assert mask("mobile", "一三八一二三四五六七八") == "***-****-5678"
    assert mask("mobile", "13812345678", visible=0) == "***-****-****"
    assert mask("person_name", "王建国") == "王某某"
    assert mask("person_name", "欧阳秀英") == "欧阳某某"


def test_text_scrub_and_report():
    deid = Deidentifier("key", {"刘秀英": "受助人"})
    out = deid.text(f"家住白沙镇李家村3组12号的村民王建国（身份证{ID}，电话13812345678）与刘秀英反映问题，付款13812345678.00元。")
    assert "王某某" in out and ID not in out and "***-****-5678" in out and "刘秀英" not in out
    assert deid.pseudonym("刘秀英", "受助人") in out
    assert "白沙镇李家村**号的村民" in out and "3组" not in out  # the village stays (address policy)
    assert "13812345678.00元" in out
    report = deid.report()
    assert report["identifiers"]["id_number"]["mask"] == 1
    assert report["summary"].startswith("本数据已脱敏：")


def test_pseudonyms_are_keyed_and_consistent():
    a, b = Deidentifier("key-a"), Deidentifier("key-b")
    assert a.pseudonym("王建国") == a.pseudonym("王建国") != b.pseudonym("王建国")
    assert a.pseudonym("王建国") != a.pseudonym("王建军")
    with pytest.raises(ValueError):
        Deidentifier("")


def test_record_policy():
    deid = Deidentifier("key", {"王建国": "受助人"})
    row = {"id": "P1", "payee": "王建国", "payee_type": "个人", "payee_id_number": ID, "payee_phone": "13812345678",
           "payee_bank_card": "6222021234567890128", "payee_address": "白沙镇李家村3组12号", "purpose": "高龄津贴",
           "amount_yuan": 300}
    out = deid.record("payments", row)
    assert out["payee"] == deid.pseudonym("王建国", "受助人") and out["payee"].startswith("受助人")
    assert not {"payee_id_number", "payee_phone", "payee_bank_card", "payee_address"} & set(out)
    assert out["amount_yuan"] == 300 and out["purpose"] == "高龄津贴"
    company = deid.record("payments", {"payee": "示例市宏达建设工程有限公司", "payee_type": "单位"})
    assert company["payee"] == "示例市宏达建设工程有限公司"
    untyped = deid.record("projects", {"contractor": "李四海", "contractor_type": None, "location": "白沙镇李家村5组"})
    assert untyped["contractor"].startswith("个人承包方") and untyped["location"] == "白沙镇"


def test_scrub_text_for_user_input():
    assert scrub_text("我的电话是13912345678，身份证" + ID) == "我的电话是***-****-5678，身份证**************002X"


def test_k_anonymity():
    rows = [{"purpose": "高龄津贴", "payee": f"p{i}"} for i in range(6)] + [{"purpose": "临时救助", "payee": "x"}] * 3
    result = k_anonymity(rows, ("purpose",), "payee")
    assert result["k"] == 1 and result["violations"] == [{"class": ["临时救助"], "persons": 1}]
    with pytest.raises(KAnonymityError, match="k=1"):
        require_k_anonymity(rows, ("purpose",), "payee")
    assert require_k_anonymity(rows[:6], ("purpose",), "payee")["k"] == 6


def test_small_cell_suppression_is_complementary():
    cells = {("A区", "低保"): 3, ("A区", "高龄"): 20, ("A区", "救助"): 9,
             ("B区", "低保"): 12, ("B区", "高龄"): 30, ("B区", "救助"): 7}
    result = suppress_small_cells(cells)
    shown = result["cells"]
    assert shown[("A区", "低保")] == SUPPRESSED
    # The row and column totals are public, so one more cell in row A and column 低保 must be hidden.
    for axis, key in ((0, "A区"), (1, "低保")):
        assert sum(1 for cell, v in shown.items() if cell[axis] == key and v == SUPPRESSED) >= 2
    assert result["primary"] == 1 and result["complementary"] >= 2


# ---- classes a second blind corpus showed (issue #19) ------------------------------------------------
@pytest.mark.parametrize("text, kept", [
    ("代表吕国芳在视察中指出，补贴要按月发放。", "吕国芳"), ("龚秀云等11名代表联名提出建议。", "龚秀云"),
    ("提出人：邱建林、宁海波", "宁海波"), ("区农业农村局负责人邵振华表示，资金已拨付。", "邵振华"),
    ("县财政局开具的收据上，经办人写的是卢海英。", "卢海英"), ("县民政局社会事务科科长 邬晓东 联系电话：0571-86012345", "0571-86012345"),
    ("社区电话86051234，周一至周五有人值班。", "86051234"), ("县粮站（解放路12号）收购点已开放。", "解放路12号"),
    ("采购王老吉12箱。", "王老吉"), ("审批程序已简化。", "程序"),
])
def test_public_things_stay(text, kept):
    assert kept in Deidentifier("key").text(text)


@pytest.mark.parametrize("text, gone", [
    ("朝晖六区21幢2单元一楼的住户反映漏水。", "21幢"), ("他住在金桥小区17-1-903。", "903"), ("住址：解放路西8弄6号一楼", "8弄"),
    ("住址：新桥苑3棟2單元502室", "502"), ("其母鄂秀兰代为领取。", "秀兰"), ("写信人甘露反映水价过高。", "甘露"),
    ("村民陳秀蘭反映補貼未到賬。", "秀蘭"), ("项目经理东方振宇未到岗。", "振宇"), ("有事加我QQ 5201314", "5201314"),
    ("微信号：lihua_1988", "lihua"), ("社保卡号A12345678", "12345"), ("1 仉光涛 6222021234567890128 1,200.00", "光涛"),
])
def test_private_things_go(text, gone):
    assert gone not in Deidentifier("key").text(text)


def test_known_word_names_in_list_rows_are_the_person():
    deid = Deidentifier("key", {"关山": "受助人"})
    assert "关山" not in deid.text("关山（见习补贴）1500元") and "关山" not in deid.text("2 关山 保洁员 2400.00")
    assert deid.text("关山脚下的水库") == "关山脚下的水库"


def test_an_amount_after_an_account_number_is_not_part_of_it():
    out = Deidentifier("key").text("账号 6222021234567890128 1,200.00")
    assert out.endswith(" 1,200.00") and "0128" in out


CARD = "6217991234567890124"  # Luhn-valid, 19 digits


def test_list_cells_end_a_number():
    assert valid_luhn(CARD)
    assert kinds(f"李四\u3000男\u3000{ID}\u3000450元") == [("id_number", ID)]
    assert kinds(f"李四\u30002400\u3000{CARD}\u3000备注") == [("bank_card", CARD)]
    assert kinds(f"李四\t960\t{CARD}\t代领") == [("bank_card", CARD)]
    assert kinds(f"李四  {ID}  135 2233 4455  1500元") == [("id_number", ID), ("mobile", "135 2233 4455")]
    assert kinds(f"{ID}\u3000135 2233 4455\u30002000元") == [("id_number", ID), ("mobile", "135 2233 4455")]
    assert kinds("手机139\u30001234\u30005678") == [("mobile", "139\u30001234\u30005678")]  # typed spaced, still one
    assert kinds("身份证110105\u300019491231002X") == [("id_number", "110105\u300019491231002X")]


def test_passbook_and_broken_mobile():
    assert kinds("存折账号12345678901234567") == [("bank_card", "12345678901234567")]
    assert kinds("一卡通 8820031200365219") == [("bank_card", "8820031200365219")]
    assert kinds("联系电话1390817\n2265，请回访") == [("mobile", "1390817\n2265")]
    assert kinds("编号1390817\n2265") == []


def test_cards_without_a_valid_check_digit():
    card = "6217880012345678903"
    assert not valid_luhn(card)
    assert kinds(f"补贴打入本人账户{card}") == [("bank_card", card)]  # named by its cue
    assert kinds(f"汪德才\u30001200\u3000{card}\u3000本人领取") == [("bank_card", card)]  # UnionPay shape in a list
    assert kinds(f"合同编号{card}") == [] and kinds(f"项目代码{card}") == []
    assert kinds("预算6217880012345678元") == []


def test_a_lone_chinese_numeral_is_a_word():
    assert kinds("电话150 2817 3390一直没人接") == [("mobile", "150 2817 3390")]
    assert kinds("手机幺五零二八一七三三九零") == [("mobile", "幺五零二八一七三三九零")]


@pytest.mark.parametrize("text, value", [
    ("优待证号ZJ3306020011874，年补助", "ZJ3306020011874"),
    ("医保个人编号33060200771203，报销", "33060200771203"),
    ("社保卡（卡号H30271864）挂失", "H30271864"),
    ("残疾证号330602B0047115，二级", "330602B0047115"),
    ("浙（2021）越城区不动产权第0047712号", "浙（2021）越城区不动产权第0047712号"),
])
def test_certificate_numbers_by_their_cue(text, value):
    assert kinds(text) == [("other_id", value)]


def test_contact_accounts_a_few_words_after_their_cue():
    assert kinds("有事在QQ上留言，3319028746") == [("qq", "3319028746")]
    assert kinds("通过微信（zhou_hm88）联系") == [("wechat", "zhou_hm88")]
    assert kinds("邮箱 zhouhm 艾特 163 点 com") == [("email", "zhouhm 艾特 163 点 com")]
    assert kinds("QQ群：3319028746") == []
