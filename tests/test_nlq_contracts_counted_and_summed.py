"""Contracts counted and summed at once (issue #18): 「合同签了多少个、金额多少」 gives both figures of the same
contracts (project_contracts by award date), each its own row, linked to those rows — never one of the two alone."""
import csv
import io

PUB = "(select max(id) from publications where status='published')"


def _csv_rows(client, url):
    path, _, query = url.partition("?")
    csv_path = path if path.endswith(".csv") else f"{path}.csv"
    response = client.get(f"{csv_path}?{query}")
    assert response.status_code == 200, url
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_contracts_of_a_year_counted_and_summed_together(ask_demo, db, client):
    count, fen = db.execute(f"select count(*), sum(contract_fen) from project_contracts where publication_id={PUB} "
                            "and award_date between '2024-01-01' and '2024-12-31'").fetchone()
    result = ask_demo("2024年签下的工程合同一共几个，合同额多少")
    rows = result["answer"]["rows"]
    assert [r[1] for r in rows] == [count, fen / 100], (result["understood"], rows)
    assert "份数和合同金额" in result["understood"]
    linked = _csv_rows(client, result["links"]["records"])
    assert len(linked) == count


def test_one_contract_figure_alone_is_unchanged(ask_demo, db):
    (count,) = db.execute(f"select count(*) from project_contracts where publication_id={PUB} "
                          "and award_date between '2025-01-01' and '2025-12-31'").fetchone()
    result = ask_demo("2025年中标合同签了多少份")
    assert result["answer"]["value"] == count and result["answer"]["unit"] == "份"
