"""Projects ranked by the contract sums awarded them (project_contracts), never by their investment: the
largest or the smallest, in every year or in the year of award named, each row linked to its own contracts."""
import csv
import io
from decimal import Decimal

import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _ranked(db, year=None, ascending=False, limit=3):
    when = f"AND c.award_date LIKE '{int(year)}%'" if year else ""
    return db.execute(
        f"SELECT p.name, sum(c.contract_fen) AS fen FROM project_contracts c JOIN projects p ON p.code = c.project_code "
        f"AND p.publication_id = c.publication_id WHERE c.publication_id = {PUBLISHED} AND c.contract_fen IS NOT NULL "
        f"{when} GROUP BY p.code ORDER BY fen {'ASC' if ascending else 'DESC'}, p.code LIMIT {limit}").fetchall()


def test_the_largest_contract_sums_are_ranked(ask_demo, db):
    result = ask_demo("中标合同金额排前三的项目是哪几个")
    want = _ranked(db)
    assert [(r[0], r[2]) for r in result["answer"]["rows"]] == [(n, f / 100) for n, f in want], result["understood"]
    assert "合同金额" in result["understood"] and "总投资" not in result["understood"]


def test_the_smallest_contract_of_a_year_names_its_project(ask_demo, db):
    result = ask_demo("2024年合同价最低的项目是哪个")
    (name, fen), = _ranked(db, 2024, ascending=True, limit=1)
    assert result["answer"]["top"] == name and result["answer"]["value"] == pytest.approx(fen / 100)
    assert "2024年" in result["understood"]


def test_each_row_links_to_its_own_contracts(ask_demo, client):
    result = ask_demo("合同额最高的两个项目")
    for row, link in zip(result["answer"]["rows"], result["links"]["rows"]):
        page = client.get(link["records"]["contracts"]).get_data(as_text=True).lstrip("\ufeff")
        rows = list(csv.DictReader(io.StringIO(page)))
        assert sum(Decimal(r["contract_yuan"]) for r in rows) == Decimal(str(row[2]))


@pytest.mark.parametrize("q", ["哪家公司中标金额最多", "梅溪县合同金额最大的项目"])
def test_contract_sums_by_company_or_place_are_not_answered_with_investment(ask_demo, q):
    result = ask_demo(q)
    assert "总投资" not in result["understood"], result["understood"]
