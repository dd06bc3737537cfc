"""Classes of questions about one field of a named project (issue #18): its contractor stated as the answer,
its department, township, last progress update, award date and contract sum, and its performance
indicators (满意度, 单位成本, 受益对象) — each answered from the project's record and linked to its page,
which shows the same field. Expected values by straight SQL on the published tables."""
import pytest

PUB = "publication_id=1"


@pytest.fixture(scope="module")
def finished(db):
    """A finished project with a unique name, a township, an award and progress updates: its row."""
    return db.execute(
        f"select p.code, p.name, p.contractor, d.name, t.name, p.satisfaction_actual_pct, p.unit_cost_actual_fen, "
        f"p.benefit_actual, p.satisfaction_target_pct from projects p join departments d on d.{PUB} and "
        f"d.code=p.dept_code join townships t on t.{PUB} and t.code=p.township_code where p.{PUB} "
        "and p.status='已完工' and p.benefit_actual is not null and (select count(*) from projects q where "
        f"q.{PUB} and q.name=p.name)=1 and exists (select 1 from project_contracts c where c.{PUB} and "
        "c.project_code=p.code and c.contract_fen is not null) order by p.code desc limit 1").fetchone()


def _page(client, result):
    path, _, query = result["links"]["records"].partition("?")
    assert path.startswith("/projects/")
    return client.get(f"{path}.json?{query}").get_json()


def test_who_built_it_is_the_answer_itself(ask_demo, finished):
    code, name, contractor = finished[:3]
    result = ask_demo(f"{name}是哪家企业施工的")
    assert result["answer"]["value"] == contractor


@pytest.mark.parametrize("words, column", [("由哪个部门主管", 3), ("在哪个乡镇", 4)])
def test_department_and_township_of_a_project(ask_demo, finished, words, column):
    result = ask_demo(f"{finished[1]}{words}")
    assert result["answer"]["value"] == finished[column]


def test_last_progress_update_and_award(ask_demo, client, db, finished):
    code, name = finished[:2]
    (last,) = db.execute(f"select max(date) from project_updates where {PUB} and project_code=?", (code,)).fetchone()
    assert ask_demo(f"{name}最近一次更新进展是什么时候")["answer"]["value"] == last
    award_date, fen = db.execute(f"select award_date, contract_fen from project_contracts where {PUB} and "
                                 "project_code=? order by award_date limit 1", (code,)).fetchone()
    assert ask_demo(f"{name}什么时候中标的")["answer"]["value"] == award_date
    result = ask_demo(f"{name}的合同金额有多少")
    assert result["answer"]["value"] == fen / 100 and result["answer"]["unit"] == "元"
    assert _page(client, result)["project"]["contract"]["contract"] == fen / 100


def test_performance_indicators_actual_and_target(ask_demo, client, finished):
    name, satisfaction, cost_fen, benefit, satisfaction_target = finished[1], *finished[5:]
    result = ask_demo(f"{name}的满意度调查结果怎么样")
    assert result["answer"]["value"] == satisfaction and result["answer"]["unit"] == "%"
    assert ask_demo(f"{name}满意度目标定的多少")["answer"]["value"] == satisfaction_target
    assert ask_demo(f"{name}实际单位成本多少")["answer"]["value"] == cost_fen / 100
    result = ask_demo(f"{name}惠及了多少")
    assert result["answer"]["value"] == benefit
    part = next(p for p in _page(client, result)["performance"]["parts"] if p["key"] == "benefit")
    assert part["actual"] == benefit


def test_an_unfinished_project_states_no_actual_indicator(ask_demo, db):
    (name,) = db.execute(f"select name from projects p where {PUB} and status='在建' and (select count(*) from "
                         f"projects q where q.{PUB} and q.name=p.name)=1 order by code limit 1").fetchone()
    result = ask_demo(f"{name}群众满意度实际多少")
    assert not (result["answer"] or {}).get("value") and "尚无满意度实际值" in result["decline"]["message"]


def test_beneficiaries_counted_by_the_projects_own_output_are_its_output(ask_demo, db):
    """「受益多少人」 of a project whose output itself is counted in 人 (受益人口) is that output, not its
    benefit indicator."""
    name, actual = db.execute(f"select name, output_actual from projects p where {PUB} and output_unit='人' and "
                              f"output_actual is not null and (select count(*) from projects q where q.{PUB} and "
                              "q.name=p.name)=1 order by code limit 1").fetchone()
    result = ask_demo(f"{name}一共受益了多少人")
    assert result["query"]["measure"] == "output" and result["answer"]["value"] == actual
