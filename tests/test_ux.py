"""Public publication log, the footer's de-identification summary and citation, the staff white-paper link."""
import csv
import hashlib
import re

import pytest
from community_support import create_staff, login, make_portal, write_small_raw
from markupsafe import escape
from sqlalchemy import select, update

from ledger import schema
from ledger.importer.publish import publish


def _write_budgets(folder):
    """Budgets and spending for the small publication's district, so it has a year for a white paper."""
    with open(folder / "预算.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["年度", "地区代码", "单位代码", "科目编码", "预算数（元）"])
        writer.writerow(["2025", "990101", "D001", "214", "9000000"])
    with open(folder / "支出.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["年度", "月份", "地区代码", "单位代码", "科目编码", "支出数（元）"])
        for month in (1, 2, 3):
            writer.writerow(["2025", str(month), "990101", "D001", "214", "1000000"])
    return folder


@pytest.fixture()
def twice(tmp_path):
    """A small portal published twice (the second with budgets), so the log has a two-link hash chain."""
    app = make_portal(tmp_path)
    raw = _write_budgets(write_small_raw(tmp_path / "second"))
    publish(app.extensions["mingzhang.engine"], [raw], pseudonym_key="test-pseudonym-key", dataset="small",
            title="第二次测试发布", created_by="tests")
    return app, raw


def _publications(app):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.publications).order_by(schema.publications.c.id))
                .mappings()]


def test_publication_log_lists_files_hashes_and_chain(twice):
    app, raw = twice
    first, second = _publications(app)
    assert second["prev_sha256"] == first["data_sha256"]
    client = app.test_client()
    html = client.get("/publications").get_data(as_text=True)
    assert "发布记录" in html and "第二次测试发布" in html and "小型测试数据" in html
    # newest first, each with its permalink view
    assert html.index('id="pub-2"') < html.index('id="pub-1"')
    assert 'href="/?pub=1"' in html and 'href="/?pub=2"' in html
    # source files with their SHA-256 (shortened on screen, full value in the title), the data hashes
    digest = hashlib.sha256((raw / "预算.csv").read_bytes()).hexdigest()
    assert "预算.csv" in html and f'title="{digest}"' in html
    assert first["data_sha256"] in html and second["data_sha256"] in html
    assert html.count("与上一次发布相符") == 2 and "不符" not in html
    assert "年度预算" in html and "1 行" in html  # row counts, labelled in Chinese
    data = client.get("/publications.json").get_json()
    assert data["count"] == 2 and data["chain_ok"] is True
    newest = data["publications"][0]
    assert newest["id"] == 2 and newest["prev_sha256"] == first["data_sha256"]
    assert newest["permalink"] == "/?pub=2"
    assert {f["name"]: f["sha256"] for f in newest["source_files"]}["预算.csv"] == digest
    assert {c["table"]: c["rows"] for c in newest["row_counts"]}["expenditures"] == 3
    assert newest["deid_summary"] == (second["deid_report"] or {}).get("summary")


def test_publication_log_shows_a_broken_chain(twice):
    app, _raw = twice
    with app.extensions["mingzhang.engine"].begin() as conn:
        conn.execute(update(schema.publications).where(schema.publications.c.id == 2).values(prev_sha256="0" * 64))
    client = app.test_client()
    assert client.get("/publications.json").get_json()["chain_ok"] is False
    assert "与上一次发布的数据 SHA-256 不符" in client.get("/publications").get_data(as_text=True)


def test_publication_log_before_anything_is_published(empty_app):
    client = empty_app.test_client()
    response = client.get("/publications")
    assert response.status_code == 200 and "尚未发布数据" in response.get_data(as_text=True)
    assert client.get("/publications.json").get_json() == {"publications": [], "count": 0, "chain_ok": True}


def test_demo_publication_log_shows_deid_summary_and_suppressed_statistics(client):
    pub = client.get("/publications.json").get_json()["publications"][0]
    assert pub["deid_summary"].startswith("本数据已脱敏：")
    [table] = pub["statistics"]
    assert table["row_label"] == "区县" and "临时救助" in table["columns"] and len(table["rows"]) >= 2
    html = client.get("/publications").get_data(as_text=True)
    assert str(escape(pub["deid_summary"])) in html
    assert str(escape(table["title"])) in html and "<th scope=\"col\" class=\"int\">临时救助</th>" in html


def test_footer_links_the_publications_deid_summary_and_shows_the_short_hash(client, demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub = dict(conn.execute(select(schema.publications).where(schema.publications.c.status == "published")
                                .order_by(schema.publications.c.id.desc())).mappings().first())
    summary = pub["deid_report"]["summary"]
    for path in ("/", "/execution", "/projects", "/data"):
        html = client.get(path).get_data(as_text=True)
        footer = html[html.index('<footer'):]
        # the footer stays short (issue #17): the statistics are one link away, on /publications
        assert str(escape(summary)) not in footer and "本数据已脱敏" in footer, path
        assert "身份证号、电话、银行卡号和住址不予公开" not in footer  # the generic sentence is gone
        assert f'href="/publications#pub-{pub["id"]}"' in footer
        # the hash is shortened on screen, the full value stays in the page for copying
        assert f'title="{pub["data_sha256"]}"' in footer and f">{pub['data_sha256'][:10]}…" in footer
        assert re.search(r'href="[^"]*pub=%d[^"]*" rel="bookmark">本页永久链接' % pub["id"], footer)
    assert str(escape(summary)) in client.get("/publications").get_data(as_text=True)


def test_footer_falls_back_to_the_generic_sentence_without_a_summary(twice):
    app, _raw = twice
    with app.extensions["mingzhang.engine"].begin() as conn:
        conn.execute(update(schema.publications).values(deid_report={}))
    html = app.test_client().get("/").get_data(as_text=True)
    assert "本数据已脱敏：个人姓名以代号替代" in html[html.index("<footer"):]


def test_nav_marks_the_section_of_documents_and_the_white_paper(client):
    for path in ("/documents", "/reports/whitepaper?year=2025"):
        html = client.get(path).get_data(as_text=True)
        assert re.search(r'<a href="/documents" aria-current="page">报告</a>', html), path
    assert 'aria-current="page">首页' not in client.get("/documents").get_data(as_text=True)


def test_staff_publication_page_links_to_the_white_paper(twice):
    app, _raw = twice
    create_staff(app, "pete", "publisher")
    staff = app.test_client()
    login(staff, "pete")
    html = staff.get("/admin/publications/2").get_data(as_text=True)
    match = re.search(r'<a class="button whitepaper-link" href="([^"]+)">生成2025年全市预算执行白皮书</a>', html)
    assert match, "no white-paper button"
    href = match.group(1).replace("&amp;", "&")
    assert href.startswith("/reports/whitepaper?") and "year=2025" in href and "pub=2" in href
    assert 'name="region"' in html and "东城区" in html  # a district white paper can be chosen too
    paper = staff.get(href)
    assert paper.status_code == 200 and "2025年预算执行白皮书" in paper.get_data(as_text=True)
    district = staff.get("/reports/whitepaper?year=2025&region=990101&pub=2")
    assert district.status_code == 200 and "东城区" in district.get_data(as_text=True)
    # publication 1 has no budget years: no button, and the page still renders
    first = staff.get("/admin/publications/1")
    assert first.status_code == 200 and "whitepaper-link" not in first.get_data(as_text=True)
