"""Project figures said in everyday words (issue #18): 「平均一个项目投多少」 is the mean investment per project and
「平均完成到百分之多少」 the mean progress (ledger.queries.averages, the sum and the count both said); 「某工程钱拨了
百分之几」 is that project's disbursed over its own investment, not a figure of all projects."""
from decimal import ROUND_HALF_UP, Decimal

PUB = "(select max(id) from publications where status='published')"


def test_mean_investment_per_project_in_plain_words(ask_demo, db):
    category = db.execute(f"select category from projects where publication_id={PUB} group by category "
                          "order by count(*) limit 1").fetchone()[0]
    total, count = db.execute(f"select sum(total_investment_fen), count(*) from projects where publication_id={PUB} "
                              "and category=?", (category,)).fetchone()
    result = ask_demo(f"{category}这类项目平均一个要投多少钱")
    assert result["query"]["kind"] == "average" and result["query"]["measure"] == "investment"
    want = float((Decimal(total) / count / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    assert result["answer"]["value"] == want and result["answer"]["count"] == count


def test_mean_progress_asked_as_a_percentage(ask_demo, db):
    total, count = db.execute(f"select sum(progress_pct), count(*) from projects where publication_id={PUB} "
                              "and status='在建'").fetchone()
    result = ask_demo("在建工程平均完成到了百分之多少")
    assert result["query"]["measure"] == "progress" and result["answer"]["count"] == count
    assert result["answer"]["value"] == round(total / count, 2)


def test_a_named_projects_disbursal_rate_is_its_own(ask_demo, db):
    name, paid, total = db.execute(
        f"select name, max(disbursed_fen), max(total_investment_fen) from projects where publication_id={PUB} "
        "and disbursed_fen > 0 group by name having count(*) = 1 order by min(code) limit 1").fetchone()
    for q in (f"{name}的资金拨付率", f"{name}的钱拨了百分之几"):
        result = ask_demo(q)
        assert result["query"]["project"] and result["query"]["measure"] == "share", (q, result["understood"])
        assert round(result["answer"]["value"], 2) == round(paid / total * 100, 2)
