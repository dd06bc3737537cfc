"""Questions whose main ask the publication does not hold, though a word of them names a figure, are declined
with a reason (nlq/decline.py, issue #18): a translation, a map, a place outside the publication described by
excluding it, a pseudonym turned back into a person, a stock (beds a city has, a department's posts), who is in
charge or how long an approval takes, a what-if with more money. Their neighbours that the data answers stay
answered. Questions in words of their own."""
import pytest
from conftest import declined_message


@pytest.mark.parametrize("q, reason", [
    ("把“今年教育支出”这句话翻译为英文", "not_held"),
    ("能不能在地图上把鹭洲区的项目都标出来", "not_held"),
    ("隔壁那个市去年教育花了多少", "unknown_place"),
    ("不属于示例市的那几个县今年的卫生支出", "unknown_place"),
    ("受助人名单里那个代号的真实姓名是什么", "privacy"),
    ("承建过项目的个人承包方，他们的真实身份能查吗", "privacy"),
    ("示例市现在一共有多少个养老床位", "not_held"),
    ("市教育局有几个编制", "no_data"),
    ("小区旁边的排水沟归哪个部门来管", "procedure"),
    ("临时救助审批一般需要多长时间", "procedure"),
    ("要是卫生健康预算再加5个亿，执行率能到多少", "not_held"),
])
def test_ask_not_held_is_declined(ask_demo, q, reason):
    result = ask_demo(q)
    declined_message(result)
    assert result["decline"]["reason"] == reason, (q, result["decline"])


def test_a_named_projects_department_is_still_answered(ask_demo, db):
    name = db.execute("SELECT name FROM projects WHERE publication_id = (SELECT max(id) FROM publications "
                      "WHERE status = 'published') ORDER BY name LIMIT 1").fetchone()[0]
    result = ask_demo(f"{name}归哪个部门管")
    assert result["answer"]["kind"] != "decline", (name, result["understood"])


@pytest.mark.parametrize("q", ["养老服务设施项目一共新增了多少张床位",
                               "我在写一篇稿子，想核实今年全市教育支出是多少"])
def test_neighbours_stay_answered(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] != "decline", (q, result["understood"])
