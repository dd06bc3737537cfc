"""Public things kept (issue #19, precision): hamlets named by a family and its landform and old lanes
(「X里」「X坊」) whose alleys the text writes are places; an office's handler signing with no colon, a hotline
order's 办理人, who speaks for a body in a chat label or a self-introduction, a village's accountant in the role,
who chairs, reports at or receives for a body's meeting or handover, delegates answered, and the lines an office
gives (its answer's closing line, a notice's 监督 line, a list of offices' lines, a procurement agency's line) stay
— while the private people beside them go."""
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


@pytest.mark.parametrize("text, official", [
    ("临时救助3,000元已拨付。经办人卜晓岚，审核韦振东。", "卜晓岚"),
    ("6228 4800 1234 5678 912 经办人卜晓岚 所长韦振东", "卜晓岚"),
    ("承办单位：县城管执法大队，办理人俞海平", "俞海平"),
    ("承办：城东街道城管中队，办理人俞海平。", "俞海平"),
    ("【桂花弄邻里群】\n居委郜丽娜：明早八点发防汛沙袋\n", "郜丽娜"),
    ("【溪头村村民群】\n村报账员殷国栋：补助月底到账\n", "殷国栋"),
    ("阿婆，我是居委郜丽娜，新房钥匙放在居委了。", "郜丽娜"),
    ("您好，我是区房屋征收事务所殷国栋，复测改到周四。", "殷国栋"),
    ("材料齐了请带到村委会，联系人村会计殷国栋 0571-86012345。", "殷国栋"),
    ("乡党政联席会（3月2日）\n主持：乡长严文博\n殷国栋汇报：春耕补贴已发放到户。", "殷国栋"),
    ("房屋移交记录⏎钥匙已交⏎接收：俞海平".replace("⏎", "\n"), "俞海平"),
    ("回访表⏎满意度：满意 抽查人：俞海平".replace("⏎", "\n"), "俞海平"),
    ("关于殷国栋代表所提“修缮渡口”建议的答复", "殷国栋"),
    ("殷国栋代表您好，您的建议已转交通局办理。", "殷国栋"),
    ("市人大常委会组成人员殷国栋询问：这笔资金何时到位？", "殷国栋"),
    ("验收人员：俞海平（县茶叶站）、殷国栋（村委会）", "殷国栋"),
    ("汤秀凤您好，我是殷国栋，您的临时救助申请需要补一份病历，请周三带到乡民政办。", "殷国栋"),
])
def test_officials_in_role_stay(text, official):
    assert official in scrub(text)


def test_a_village_accountants_line_stays_with_him():
    assert "0571-86012345" in scrub("材料齐了请带到村委会，联系人村会计殷国栋 0571-86012345。")


@pytest.mark.parametrize("text, private", [
    ("帮扶金已追回。经办人卜晓岚已受到诫勉谈话。", "卜晓岚"),
    ("审计发现：某村会计殷国栋将保洁经费以其妻名义领取。", "殷国栋"),
    ("承包户系村会计殷国栋的小舅子。", "殷国栋"),
    ("公司 2,400，对方经办人卜晓岚，微信bxl_2024", "卜晓岚"),
    ("【桂花弄邻里群】\n居委郜丽娜：明早八点发防汛沙袋\n汤秀凤：我家几点去\n", "汤秀凤"),
    ("阿婆，我是居委郜丽娜，汤秀凤的钥匙也在居委。", "汤秀凤"),
    ("汤秀凤您好，我是殷国栋，您的临时救助申请需要补一份病历，请周三带到乡民政办。", "汤秀凤"),
    ("我是汤秀凤，你家的狗又跑到我菜地里了。", "汤秀凤"),
])
def test_private_people_beside_them_go(text, private):
    assert private not in scrub(text)


@pytest.mark.parametrize("text, line", [
    ("汤秀凤：你反映的补助问题已核查，3,200元已于5月8日补发。联系电话0571-86012345。", "0571-86012345"),
    ("渔船补偿公示\n汤秀凤 补偿12,000元\n公示期至6月30日 监督0571-86012345", "0571-86012345"),
    ("区政府办公室关于公布值班电话的通知：民政0571-86012345；住建0571-86012346；城管0571-86012347。", "0571-86012346"),
    ("救助热线公告\n全区：0571-86012345   城东街道：0571-86012346\n城西街道：0571-86012347", "0571-86012346"),
    ("凡知其下落者，请与本院联系（0571-86012345）。", "0571-86012345"),
])
def test_office_lines_stay(text, line):
    assert line in scrub(text)


@pytest.mark.parametrize("text, line", [
    ("我是汤秀凤，你反映的问题我家也有。联系电话0571-86012345", "0571-86012345"),
    ("值班电话的通知：汤秀凤0571-86012345；殷国栋0571-86012346", "0571-86012345"),
])
def test_a_persons_own_line_goes(text, line):
    assert line not in scrub(text)


def test_a_procurement_agencys_office_line_stays_and_its_staff_goes():
    out = scrub("中标结果公告\n代理机构：某某招标代理有限公司，项目负责人俞海平，电话0771-5123456\n公告期限：五个工作日")
    assert "0771-5123456" in out and "俞海平" not in out
    out = scrub("代理机构：某某招标代理有限公司，联系人俞海平，0771-5123456（个人住宅电话）")
    assert "0771-5123456" not in out
