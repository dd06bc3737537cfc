"""The published documents asked about without a type or with the words people use (nlq/kinds/documents.py):
how many documents the site holds, the newest one's title, 「市级」 for the top level's own report, an edition
year (「2025版」) and a draft's year (「某年预算草案」 is in the report of the year before). Checked against
straight SQL on the demo publication; a question about what a report says stays declined."""
import datetime as dt

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def test_every_document_counted(ask_demo, db):
    answer = ask_demo("本站一共发布了几份文件")["answer"]
    assert answer["value"] == db.execute(f"SELECT count(*) FROM documents WHERE publication_id = {PUBLISHED}").fetchone()[0]


def test_the_newest_document_named(ask_demo, db):
    title = db.execute(f"SELECT title FROM documents WHERE publication_id = {PUBLISHED} "
                       "ORDER BY published_date DESC, year DESC, slug LIMIT 1").fetchone()[0]
    assert ask_demo("最新挂出来的那份报告标题是什么")["answer"]["value"] == title


def test_the_city_level_report_of_a_year(ask_demo, db):
    date = db.execute(f"SELECT published_date FROM documents WHERE publication_id = {PUBLISHED} AND doc_type = '决算报告' "
                      "AND year = 2023 AND region_code = (SELECT code FROM regions WHERE publication_id = "
                      f"{PUBLISHED} AND level = 0)").fetchone()[0]
    assert ask_demo("市级2023年的决算报告哪天发布的")["answer"]["value"] == date


def test_an_edition_year(ask_demo, db):
    date = db.execute(f"SELECT published_date FROM documents WHERE publication_id = {PUBLISHED} AND doc_type = '白皮书' "
                      "AND year = 2024").fetchone()[0]
    assert ask_demo("白皮书2024年版是什么时间发布的")["answer"]["value"] == date


def test_a_draft_is_in_the_report_of_the_year_before(ask_demo, db):
    title = db.execute(f"SELECT title FROM documents WHERE publication_id = {PUBLISHED} AND doc_type = '预算报告' "
                       "AND year = 2024 AND region_code = (SELECT code FROM regions WHERE publication_id = "
                       f"{PUBLISHED} AND level = 0)").fetchone()[0]
    assert "2025年预算草案" in title
    result = ask_demo("讲2024年执行情况和2025年预算草案的那份报告叫什么")
    assert result["answer"]["value"] == title, result["understood"]


def test_what_a_report_says_is_not_a_document_fact(ask_demo):
    assert ask_demo("审计报告里说了哪些问题")["answer"]["kind"] == "decline"


def test_days_from_the_year_end_to_publication(ask_demo, db):
    date = db.execute(f"SELECT published_date FROM documents WHERE publication_id = {PUBLISHED} AND doc_type = '白皮书' "
                      "AND year = 2024").fetchone()[0]
    days = (dt.date.fromisoformat(date) - dt.date(2024, 12, 31)).days
    answer = ask_demo("2024年版白皮书从年底到公开隔了几天")["answer"]
    assert answer["value"] == days and answer["unit"] == "天"


def test_the_one_year_a_report_was_published_is_the_answer(ask_demo, db):
    years = db.execute(f"SELECT DISTINCT d.year FROM documents d JOIN regions r ON r.code = d.region_code AND "
                       f"r.publication_id = d.publication_id WHERE d.publication_id = {PUBLISHED} AND d.doc_type = '执行情况' "
                       "AND r.name = '鹭洲区'").fetchall()
    result = ask_demo("鹭洲区有上半年执行情况报告吗，都是哪年的")
    if len(years) == 1:  # the year itself, never 「1 年」
        assert result["answer"]["value"] == years[0][0], result["understood"]
    else:
        assert result["answer"]["count"] == len(years) and result["answer"]["value"] is None
    assert result["links"]["records"].startswith("/data/documents.csv")
