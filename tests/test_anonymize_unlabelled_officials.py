"""Officials named with no title right beside them kept (issue #19): after their body (「区农委X」「街道X」
「村调委会X」), introducing themselves by a bureau with 的, speaking at a body's own meeting, as a team's members
after its head, answering a reply, as the contact closing a notice or given with an office's landline, in a body's
chat named in square brackets; an office's line the reader is told to call stays — while residents beside
them, a named street's resident, a villagers' meeting and a private person's number go."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("unlabelled-officials-key").text(text)


@pytest.mark.parametrize("text, official", [
    ("危桥验收：区农委柏志刚、街道胥红英到场，居民代表房玉珍签字。", "柏志刚"),
    ("危桥验收：区农委柏志刚、街道胥红英到场，居民代表房玉珍签字。", "胥红英"),
    ("两家为院墙吵了一架，经村调委会巫长青调解，墙拆了重砌。", "巫长青"),
    ("您好，我是县水务局的柏志刚，您家水表的事已经查清楚了。", "柏志刚"),
    ("石岭镇党委会议记录（3月2日）\n巫长青：春耕物资要提前到位。\n胥红英：防汛演练下周搞。", "巫长青"),
    ("某县林业局局长办公会（5月9日）\n胥红英：护林员考核要细化。", "胥红英"),
    ("村道硬化交工验收，验收组组长柏志刚，成员巫长青、胥红英，村民代表房玉珍。", "胥红英"),
    ("关于增设公交站的建议收悉，已转交通部门研究。答复人：巫长青。", "巫长青"),
    ("石岭村通知：下周一起统一收医保，每人380元。有事找巫长青。", "巫长青"),
    ("[运输车队群]\n甲：补贴咋领？\n乙：去镇农服中心，找胥红英，电话0838-6612345", "胥红英"),
    ("[石岭乡干部群]\n乡长柏志刚：@巫长青 危房名单报了没\n巫长青：报了，三户。", "巫长青"),
    ("[桂花苑邻里群]\n房玉珍：水费涨了？\n会计巫长青：没涨，是上月补收的", "巫长青"),
    ("[县建筑业协会]\n会长房大炮：资质申报开始了\n住建委-胥红英：材料12月1日截止", "胥红英"),
])
def test_officials_without_a_title_stay(text, official):
    assert official in scrub(text)


@pytest.mark.parametrize("text, line", [
    ("柏老板：执照要换不？\n房大姐：要换，打0838-6623001问一下工商", "0838-6623001"),
    ("【县医保局】您的报销款已到账，查询请拨0838-6623002。", "0838-6623002"),
    ("您好，我是县住建委的，您的补助下周发放。有问题打0838-6623003。", "0838-6623003"),
])
def test_lines_to_call_stay(text, line):
    assert line in scrub(text)


@pytest.mark.parametrize("text, private", [
    ("危桥验收：区农委柏志刚、街道胥红英到场，居民代表房玉珍签字。", "房玉珍"),
    ("我住石岭街道，邻居房玉珍家漏水。", "房玉珍"),
    ("石岭村村民大会记录\n房玉珍：路灯又坏了。", "房玉珍"),
    ("村道硬化交工验收，验收组组长柏志刚，成员巫长青，村民代表房玉珍。", "房玉珍"),
    ("石岭村通知：下周一起统一收医保。名单：房玉珍、蒲秋月。有事找巫长青。", "蒲秋月"),
    ("我家座机0838-7751234，找我老婆房玉珍就行", "0838-7751234"),
])
def test_private_people_beside_them_go(text, private):
    assert private not in scrub(text)


def test_a_body_named_alone_in_an_introduction_is_no_name():
    assert "县农委" in scrub("蒲秋月你好，我是县农委的，你的补贴这周到账。")


@pytest.mark.parametrize("text, official", [
    ("我是石岭乡巫长青，你的申请材料缺低保证明，明天补来。", "巫长青"),
    ("救助审批表\n乡镇意见：胥红英 同意救助叁仟元", "胥红英"),
    ("临时救助审批\n经 办 人：柏志刚   审批人：胥红英", "柏志刚"),
    ("经办：房小军 科室负责人：胥红英 分管领导：柏志刚", "胥红英"),
])
def test_officers_signing_forms_stay(text, official):
    assert official in scrub(text)


def test_an_office_line_that_goes_unanswered_stays():
    assert "0838-6623004" in scrub("证明交了一个月没回音，打0838-6623004没人接。")


@pytest.mark.parametrize("text, private", [
    ("[茶园群]\n向春林：明早摘茶\n于小芬：好的\n向春林：七点到", "向春林"),
    ("[茶园群]\n向春林：明早摘茶\n于小芬：好的\n向春林：七点到", "于小芬"),
    ("来电：我叫向丽，住石岭镇。", "向丽"),
    ("哪个说我屋没人？我屋17号一直有人住。", "17号"),
    ("隔壁23号的土墙裂了，户主出门打工了。", "23号"),
    ("现住址 石岭社区\n　　　　 6栋3单元\n　　　　 5-2\n联系电话 13912345678", "5-2"),
])
def test_private_names_and_homes_go(text, private):
    assert private not in scrub(text)


@pytest.mark.parametrize("text, kept", [
    ("我屋17号办酒，你来不来？", "17号"),
    ("隔壁3号床的大爷出院了。", "3号床"),
    ("我是向你们反映过的那户。", "向你们"),
])
def test_dates_beds_and_prepositions_stay(text, kept):
    assert kept in scrub(text)


@pytest.mark.parametrize("text, line", [
    ("某县水利局关于开展河道清障的通知（某水发〔2026〕3号）\n各乡镇：请于5月底前完成清障。联系电话：0838-6623005。", "0838-6623005"),
    ("某县市场监管局提醒：商户不得以任何名义搭售。举报0838-6623006。", "0838-6623006"),
])
def test_a_bodys_notice_keeps_its_line(text, line):
    assert line in scrub(text)


def test_a_notice_to_one_person_masks_that_persons_line():
    text = "某县林业局关于收回承包林地的通知\n房玉珍：\n你现住石岭村三组，联系电话（0838）7751235。请于月底前来办理。"
    assert "7751235" not in scrub(text)


def test_a_bodys_staff_reporting_its_answer_stays():
    assert "胥红英" in scrub("低保卡还没到账，我去社区问了，社区的胥红英说下个月一起发。")


def test_a_notice_list_opening_after_qing_is_all_names():
    out = scrub("石岭村通知：请向丽、蒲秋月、房玉珍于周五前到村委会领米。")
    assert "向丽" not in out and "蒲秋月" not in out
