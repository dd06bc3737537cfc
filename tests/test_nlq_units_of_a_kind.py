"""Units of one kind (全市卫生院, 市里的几家医院, 所有学校) summed or ranked: never answered with a spending class, the
districts or a department (issue #18, nlq_blind22's [units of a kind] class) — declined with the reason until a kind
computes them; a unit kind the units table ranks, and the 公立医院 款, keep their answers. Our own wordings."""
import pytest
from conftest import declined_message


@pytest.mark.parametrize("q", [
    "所有卫生院去年支出加起来多少",
    "县里几所学校今年一共批了多少预算",
    "全区敬老院今年花了多少钱",
])
def test_units_of_a_kind_are_not_a_class(ask_demo, q):
    assert declined_message(ask_demo(q)), q  # declined, for this reason or an earlier one (a word not understood)


def test_the_reason_names_the_kind(ask_demo):
    assert "一类单位（「全市幼儿园」）" in declined_message(ask_demo("全市幼儿园今年一共花了多少"))


def test_a_kind_the_units_table_ranks_keeps_its_answer(ask_demo, db):
    (name,) = db.execute("SELECT u.name FROM unit_budgets b JOIN units u ON u.code = b.unit_code AND u.publication_id = "
                         "b.publication_id WHERE b.publication_id = (SELECT max(id) FROM publications WHERE status = "
                         "'published') AND b.year = 2026 AND u.kind = '医院' GROUP BY u.code ORDER BY sum(b.budget_fen) "
                         "DESC LIMIT 1").fetchone()
    result = ask_demo("今年哪家医院的预算最多")
    assert result["answer"]["rows"][0][0] == name, result["understood"]


def test_the_public_hospitals_item_is_still_a_class(ask_demo):
    result = ask_demo("2024年全市公立医院支出多少")
    assert result["answer"]["kind"] == "figure" and "公立医院" in result["understood"], result["understood"]
