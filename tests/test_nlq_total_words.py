"""「财政」 is public money at large: 「今年财政花了多少钱」 asks the total, never the 款 财政事务 whose name merely
begins with it (issue #18: a total answered with a class; nlq_blind11's first run). The 款 keeps its own name."""

import pytest


def _total(db, year, class_prefix=""):
    (fen,) = db.execute("SELECT SUM(amount_fen) FROM expenditures WHERE year = ? AND class_code LIKE ?",
                        (year, class_prefix + "%")).fetchone()
    return round(fen / 100, 2)


@pytest.mark.parametrize("template", ["{year}年财政花了多少钱", "{year}年全市财政一共用掉多少"])
def test_public_money_at_large_is_the_total(ask_demo, db, template):
    year = db.execute("SELECT max(year) FROM expenditures").fetchone()[0] - 1
    result = ask_demo(template.format(year=year))
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert not result["query"]["classes"], result["understood"]
    assert result["answer"]["value"] == _total(db, year)


def test_the_class_is_still_asked_by_its_name(ask_demo, db):
    code, name = db.execute("SELECT code, name FROM func_classes WHERE name LIKE '财政%事务'").fetchone()
    year = db.execute("SELECT max(year) FROM expenditures").fetchone()[0] - 1
    result = ask_demo(f"{year}年{name}支出多少")
    assert result["query"]["classes"] == [code], result["understood"]
    assert result["answer"]["value"] == _total(db, year, code)


@pytest.mark.parametrize("q", ["洪灾那年（2020年）湖北省一般公共预算支出是多少", "2021年冬奥筹备期间河北省一般公共预算支出多少"])
def test_the_official_name_of_the_total_is_never_a_class_by_meaning(ask_yb, yearbook_sql, q):
    """「一般公共预算支出」 is the total; a word beside it (洪灾、冬奥) matched by meaning must not make it a class
    (nlq_blind10: 疫情 made it 卫生健康支出). Declined for the word, or the total — never a class."""
    result = ask_yb(q)
    if result["answer"]["kind"] == "decline":
        return
    assert not result["query"]["classes"] and not result["query"]["class_set"], result["understood"]
    year, region = (2020, "湖北省") if "湖北" in q else (2021, "河北省")
    (fen,) = yearbook_sql("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                          "AND r.publication_id = e.publication_id WHERE e.publication_id = :pub AND e.year = :y "
                          "AND r.name = :r", y=year, r=region)[0]
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01)
