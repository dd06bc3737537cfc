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
