"""Pastoral counties' classes (issue #19, session 17): Tibetan names with no surname (two name words anywhere a name
can end, one word where the slot asks for a person), a herders' settlement's lettered blocks, monks' rooms and market
stalls as homes, ear tags, a grassland contract's number after 证号, a disability certificate built on the ID, an
account offered for a private chat; and the officials who run a village's chat (an announcement to all, the office's
payment news, the tally of dues) and a delegate whose proposal is answered stay public."""
import pytest

from anonymize import Deidentifier
from anonymize.address import find_addresses


def scrub(text, known=()):
    return Deidentifier("pastoral-key", known_person_names=list(known)).text(text)


@pytest.mark.parametrize("text, private", [
    ("3 洛松旺久 6 头 1200元", "洛松旺久"),
    ("原告江措卓姆与被告仁钦达杰借款纠纷一案", "江措卓姆"),
    ("原告江措卓姆与被告仁钦达杰借款纠纷一案", "仁钦达杰"),
    ("【县民政局】米玛拉措您好，您的申请已受理。", "米玛拉措"),
    ("她说丈夫旺久常年在外，家里没人放牧。", "旺久"),
    ("管护员欧珠巡查南坡，未见异常。", "欧珠"),
    ("我是小欧珠，借的钱下月还。", "小欧珠"),
    ("信息：洛松·嘉措｜草场40亩｜800元", "洛松·嘉措"),
])
def test_tibetan_names_without_a_surname(text, private):
    assert private not in scrub(text)


@pytest.mark.parametrize("text, word", [
    ("他说：“扎西德勒，新年好！”", "扎西德勒"),
    ("格桑花开满了山坡。", "格桑花"),
    ("今天尼玛出来了，天很暖。", "尼玛"),
])
def test_name_words_used_as_words_stay(text, word):
    assert word in scrub(text)


@pytest.mark.parametrize("text, house", [
    ("住址：德庆村定居点C区14号", "C区14号"),
    ("他家在德庆村B区3号，门口有经幡。", "B区3号"),
    ("阿克住在僧舍西排第7间。", "西排第7间"),
    ("在县城农贸交易市场12号摊位卖酥油。", "市场12号摊位"),
    ("Address: Dechen Village, Block C No. 8.", "Block C No. 8"),
])
def test_settlement_blocks_rooms_and_stalls(text, house):
    found = [s.value for s in find_addresses(text)]
    assert any(v.endswith(house) for v in found), found


@pytest.mark.parametrize("text", [
    "A区3号楼今天停水。",
    "请到B区2号口排队。",
])
def test_block_buildings_and_gates_are_no_homes(text):
    assert not any("号" in s.value and s.value.endswith("号") for s in find_addresses(text))


@pytest.mark.parametrize("text, number", [
    ("那头母牦牛耳标号：5133220088341，已投保。", "5133220088341"),
    ("证号：德草承字（2018）第1175号\n", "第1175号"),
    ("残疾证号：51332219700305261X31，二级。", "51332219700305261X31"),
    ("货不多，要的话私聊，dawa_yak2026", "dawa_yak2026"),
])
def test_pastoral_identifiers(text, number):
    assert number not in scrub(text)


@pytest.mark.parametrize("text, official", [
    ("【德庆村】\n欧珠旺堆：@所有人 周三打疫苗，牛羊都要\n米玛：好的\n", "欧珠旺堆"),
    ("【德庆村】\n米玛：补贴到了没有\n欧珠旺堆：今天县上打了，@米玛 你查一下\n", "欧珠旺堆"),
    ("【德庆村】\n欧珠旺堆：交保险的，米玛交了120，旺久还差\n旺久：明天给\n", "欧珠旺堆"),
    ("【乡干部工作群】\n洛松嘉措：材料今天要报\n", "洛松嘉措"),
    ("次旦（寺管会）：屋顶漏的报上去了", "次旦"),
    ("关于仁钦卓玛代表“修通牧道”建议的答复：已列入计划。", "仁钦卓玛"),
    ("德庆村：周五发放棉被，请到村委会领取。联系欧珠旺堆0836-7512345。", "欧珠旺堆"),
])
def test_officials_in_role_stay(text, official):
    assert official in scrub(text)


@pytest.mark.parametrize("text, private", [
    ("【德庆村】\n欧珠旺堆：@所有人 周三打疫苗，牛羊都要\n米玛：好的\n", "米玛"),
    ("【德庆村】\n米玛：我家还差，明天交\n", "米玛"),
])
def test_chat_members_stay_private(text, private):
    assert private not in scrub(text)


def test_a_parents_committee_collector_stays_private():
    text = "【城关二小家委会】\n罗晓燕：春游车费共收900元，30个人，小宇的还没交\n小宇妈妈：刚转了\n"
    assert "罗晓燕" not in scrub(text)
