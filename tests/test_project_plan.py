"""A project's 年度计划 is one figure (ledger/queries/plans.py): the card, the 分年度计划 table, /projects and
their JSON twins agree with straight SQL over project_plans, and payments are of the same year."""
import re

PLAN_FOR_OWN_YEAR = """
    SELECT CASE WHEN EXISTS (SELECT 1 FROM project_plans pp WHERE pp.publication_id = p.publication_id
                             AND pp.project_code = p.code)
                THEN COALESCE((SELECT SUM(pp.plan_fen) FROM project_plans pp
                               WHERE pp.publication_id = p.publication_id AND pp.project_code = p.code
                               AND pp.year = p.year), 0)
                ELSE p.annual_plan_fen END
"""
PAID_IN_OWN_YEAR = """
    SELECT COALESCE(SUM(amount_fen), 0) FROM payments WHERE publication_id = ? AND project_code = ?
    AND CAST(strftime('%Y', date) AS INTEGER) = ?
"""


def _multi_year(db, limit=6):
    return db.execute("""SELECT p.code, p.year, p.publication_id FROM projects p
                         WHERE (SELECT COUNT(*) FROM project_plans pp WHERE pp.project_code = p.code
                                AND pp.publication_id = p.publication_id) >= 2
                         ORDER BY p.code LIMIT ?""", (limit,)).fetchall()


def _yuan(fen):
    return fen / 100


def test_card_equals_the_table_row_of_the_projects_year(client, db):
    projects = _multi_year(db)
    assert projects, "the demo has multi-year projects"
    for code, year, pub_id in projects:
        plan_fen = db.execute(PLAN_FOR_OWN_YEAR + " FROM projects p WHERE p.code = ?", (code,)).fetchone()[0]
        paid_fen = db.execute(PAID_IN_OWN_YEAR, (pub_id, code, year)).fetchone()[0]
        data = client.get(f"/projects/{code}.json").get_json()
        info = data["project"]
        assert info["annual_plan_year"] == year
        assert info["annual_plan"] == _yuan(plan_fen), code
        assert info["annual_paid"] == _yuan(paid_fen), code
        row = next(r for r in data["plans"]["rows"] if r["label"].startswith(f"{year}年"))
        assert row["plan"] == info["annual_plan"], code
        html = client.get(f"/projects/{code}").get_data(as_text=True)
        assert f"{year}年计划" in html and f"占{year}年计划" in html
        assert f"/records/payments?project={code}&amp;year={year}" in html


def test_projects_listing_sums_the_same_definition(client, db):
    year = db.execute("SELECT MAX(year) FROM projects").fetchone()[0]
    plan_fen = db.execute(f"SELECT SUM(({PLAN_FOR_OWN_YEAR} FROM projects p WHERE p.code = q.code)) "
                          "FROM projects q WHERE q.year = ?", (year,)).fetchone()[0]
    paid_fen = db.execute("""SELECT COALESCE(SUM(y.amount_fen), 0) FROM payments y JOIN projects p
                             ON p.code = y.project_code AND p.publication_id = y.publication_id
                             WHERE p.year = ? AND CAST(strftime('%Y', y.date) AS INTEGER) = p.year""",
                          (year,)).fetchone()[0]
    sums = client.get(f"/projects.json?year={year}").get_json()["sums"]
    assert sums["annual_plan"] == _yuan(plan_fen)
    assert sums["annual_paid"] == _yuan(paid_fen)
    html = client.get(f"/projects?year={year}").get_data(as_text=True)
    assert f"占{year}年计划" in html and "占年度计划" not in html


def test_a_plan_row_after_completion_is_shown_and_explained(client, db):
    late = db.execute("""SELECT p.code, pp.year FROM projects p JOIN project_plans pp
                         ON pp.project_code = p.code AND pp.publication_id = p.publication_id
                         WHERE p.completed_date IS NOT NULL
                         AND pp.year > CAST(strftime('%Y', p.completed_date) AS INTEGER)
                         ORDER BY p.code LIMIT 1""").fetchone()
    assert late, "the demo holds a plan row after completion (the audit's 2022-990104-0013)"
    code, year = late
    rows = client.get(f"/projects/{code}.json").get_json()["plans"]["rows"]
    row = next(r for r in rows if r["label"].startswith(f"{year}年"))
    assert "完工后" in row["label"] and re.search(r"已于\d{4}年完工", row["verdict"])



def test_white_paper_lists_delayed_projects_with_the_same_plan(client, db):
    from ledger.money import format_amount

    listed = f"""SELECT q.code, ({PLAN_FOR_OWN_YEAR} FROM projects p WHERE p.code = q.code) AS plan,
                 q.annual_plan_fen FROM projects q WHERE q.status = '滞后' AND q.year = ?
                 ORDER BY plan DESC, q.code LIMIT 15"""
    for (year,) in db.execute("SELECT DISTINCT year FROM projects ORDER BY year DESC").fetchall():
        differing = [r for r in db.execute(listed, (year,)).fetchall() if r[1] != r[2]]
        if differing:
            break
    code, plan_fen, published = differing[0]
    html = client.get(f"/reports/whitepaper?year={year}").get_data(as_text=True)
    row = next(part for part in html.split("<tr>") if f"/projects/{code}" in part)
    assert format_amount(plan_fen) in row and format_amount(published) not in row
