"""The published documents asked about by region, year and type (their date, their title, how many, in which
years), answered from the documents table through ledger.documents with a link to its rows; a date or a title
that several documents could give is declined with what to add."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _docs(db, where, *args):
    return db.execute(f"SELECT d.title, d.published_date, d.year FROM documents d LEFT JOIN regions r ON r.code = "
                      f"d.region_code AND r.publication_id = d.publication_id WHERE d.publication_id = {PUBLISHED} "
                      f"AND {where} ORDER BY d.year", args).fetchall()


def test_a_regions_midyear_report_of_a_year_is_dated(ask_demo, db):
    (title, day, _year), = _docs(db, "d.doc_type = '执行情况' AND r.name = '枫林区' AND d.year = 2022")
    result = ask_demo("枫林区2022年的上半年预算执行情况报告什么时候发布的")
    assert result["answer"]["value"] == day and "枫林区" in result["understood"], result["understood"]
    assert "region_code=990102" in result["links"]["records"] and "year=2022" in result["links"]["records"]


def test_a_document_named_in_book_marks_is_that_document(ask_demo, db):
    title, day, _year = _docs(db, "d.doc_type = '审计整改报告'")[0]
    assert ask_demo(f"《{title}》是哪一天公布的")["answer"]["value"] == day


def test_a_years_draft_budget_is_in_the_report_of_the_year_before(ask_demo, db):
    (title, _day, _year), = _docs(db, "d.doc_type = '预算报告' AND d.year = 2023")
    assert ask_demo("2024年预算草案那份报告的标题是什么")["answer"]["value"] == title


def test_the_years_a_region_published_a_midyear_report(ask_demo, db):
    years = [y for _t, _d, y in _docs(db, "d.doc_type = '执行情况' AND r.name = '银杏区'")]
    result = ask_demo("银杏区哪几年发布过上半年执行情况报告")
    assert [r[0] for r in result["answer"]["rows"]] == [f"{y}年" for y in years], result["understood"]


def test_documents_of_a_year_are_counted(ask_demo, db):
    want = len(_docs(db, "d.doc_type = '决算报告' AND d.year = 2023"))
    result = ask_demo("2023年的决算报告有几份")
    assert result["answer"]["value"] == want and "year=2023" in result["links"]["records"], result["understood"]


@pytest.mark.parametrize("q", ["2025年的上半年预算执行情况报告叫什么", "2024年的决算报告是哪天发的"])
def test_a_date_or_title_several_documents_could_give_is_declined(ask_demo, q):
    assert "请写明" in declined_message(ask_demo(q))


# ---- the yearbook's pages are its documents: counted and named with a word for them ---------------------------

def test_the_yearbooks_pages_are_counted_and_named(ask_yb, yearbook_instance):
    import sqlite3

    conn = sqlite3.connect(yearbook_instance / "mingzhang.db")
    try:
        count = conn.execute(f"SELECT count(*) FROM documents WHERE publication_id = {PUBLISHED} AND year = 2021"
                             ).fetchone()[0]
        title = conn.execute(f"SELECT title FROM documents WHERE publication_id = {PUBLISHED} AND year = 2022 AND "
                             "region_code = '440000'").fetchone()[0]
    finally:
        conn.close()
    assert ask_yb("2021年的年鉴资料共有多少份")["answer"]["value"] == count
    assert ask_yb("广东2022年那一页年鉴数据的标题是什么")["answer"]["value"] == title
    assert ask_yb("年鉴里一共有多少个省")["query"] is None or ask_yb("年鉴里一共有多少个省")["query"]["kind"] != "documents"
