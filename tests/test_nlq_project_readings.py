"""Three readings of project questions that once gave a wrong figure with an official look (issue #18): a word
that names a kind of project read as a spending class, one named project's two amounts set against each other,
and a project's plan for a year asked beside what it was paid that year. Expectations by straight SQL."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _one(db, sql, *args):
    return db.execute(sql.replace("{P}", PUBLISHED), args).fetchone()[0]


# ---- a word naming a kind of project is that category of projects, not the class the word also reads as -----

@pytest.mark.parametrize("q, category", [("盖幼儿园的工程一共有多少个", "幼儿园建设"),
                                         ("建养老院的项目有几个", "养老服务设施"),
                                         ("修路的工程有多少个", "农村公路")])
def test_a_kind_of_project_named_in_everyday_words_counts_that_category(ask_demo, db, q, category):
    want = _one(db, "SELECT count(*) FROM projects WHERE publication_id = {P} AND category = ?", category)
    result = ask_demo(q)
    assert result["query"]["category"] == category and not result["query"]["classes"], result["understood"]
    assert result["answer"]["value"] == want and category in result["understood"]


def test_a_class_named_in_its_own_words_stays_the_class(ask_demo):
    result = ask_demo("教育支出的项目有多少个")
    assert result["query"]["classes"] == ["205"] and result["query"]["category"] is None, result["understood"]


# ---- one named project: one of its amounts against another ------------------------------------------------

def test_a_named_projects_disbursement_against_its_investment(ask_demo, db):
    name = _one(db, "SELECT name FROM projects WHERE publication_id = {P} AND disbursed_fen > 0 "
                    "AND total_investment_fen > 0 GROUP BY name HAVING count(*) = 1 ORDER BY name LIMIT 1")
    paid, invested = db.execute(f"SELECT disbursed_fen, total_investment_fen FROM projects WHERE publication_id = "
                                f"{PUBLISHED} AND name = ?", (name,)).fetchone()
    result = ask_demo(f"{name}已经拨付的钱占总投资多少比例")
    assert result["query"]["project"] and result["query"]["measure"] == "share", result["understood"]
    assert result["answer"]["value"] == pytest.approx(100 * paid / invested, abs=0.01)
    assert name in result["understood"] and "占总投资" in result["understood"]


# ---- a project's plan for a year beside its payments of that year --------------------------------------------

def test_a_projects_plan_of_a_year_stands_beside_what_was_paid(ask_demo, db):
    code, name, year, plan = db.execute(
        f"SELECT p.code, p.name, pl.year, pl.plan_fen FROM project_plans pl JOIN projects p ON p.code = "
        f"pl.project_code AND p.publication_id = pl.publication_id WHERE pl.publication_id = {PUBLISHED} AND "
        f"pl.year = 2025 AND (SELECT count(*) FROM projects q WHERE q.publication_id = p.publication_id AND "
        f"q.name = p.name) = 1 AND EXISTS (SELECT 1 FROM payments y WHERE y.publication_id = p.publication_id "
        f"AND y.project_code = p.code AND y.date LIKE '2025%') ORDER BY p.code LIMIT 1").fetchone()
    paid = _one(db, "SELECT sum(amount_fen) FROM payments WHERE publication_id = {P} AND project_code = ? "
                    "AND date LIKE ?", code, f"{year}%")
    result = ask_demo(f"{name}{year}年计划拨付多少？实际付了多少")
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert rows == {f"{year}年度计划支付": plan / 100, next(k for k in rows if k.startswith(f"{year}年实际支付")): paid / 100}
    assert result["answer"]["value"] == paid / 100 and "年度计划与实际支付" in result["understood"]
    assert f"year={year}" in result["links"]["records"]
