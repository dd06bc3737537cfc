"""White paper: content, every figure traceable to the query it came from, scrubbing, CLI, download."""
import html as htmllib
import re
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from small_publication import WEST, make_app, small, small_client  # noqa: F401 (fixtures)
from sqlalchemy import update

from ledger import money, schema

SOURCE_LINK = re.compile(r'<a class="src" href="([^"]+)">([^<]+)</a>')


def source_links(page):
    return [(htmllib.unescape(href), text.strip()) for href, text in SOURCE_LINK.findall(page)]


def check_traceable(client, page, limit=None):
    """Every linked figure is reproduced by the JSON its link returns. Returns how many were checked."""
    checked = 0
    for href, text in source_links(page)[:limit]:
        if href.startswith("#"):
            continue
        parts = urlsplit(href)
        response = client.get(parts.path + "?" + parts.query)
        assert response.status_code == 200, href
        if not response.is_json:  # a project's own page, linked from its name
            continue
        data = response.get_json()
        if text.endswith("元"):
            total = data.get("sum")
            if total is None:  # open-data download: one amount column's total
                total = next(iter(data["totals"].values()))
            assert money.format_amount(money.to_fen(total)) == text, href
            checked += 1
        elif re.fullmatch(r"\d+( 个)?", text):
            count = data.get("count")
            if count is not None:
                assert count == int(text.split()[0]), href
                checked += 1
    return checked


def test_content(small_client):
    response = small_client.get("/reports/whitepaper?year=2024")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "示例市2024年预算执行白皮书" in page
    assert "440.00 万元" in page and "123.00 万元" in page  # budget incl. 市本级, spending Jan–Jun
    # District behind pace: the supervision rule's own explanation (15.0% by June, two months under the line).
    assert "西城区</a></b>（地区 · 2024-06）：2024年累计执行率 5月 12.5%、6月 15.0%，均低于时间进度的70%（29.2%、35.0%）" in page
    assert "甲建设集团有限公司" in page and "每家承建方的项目数平均为 2.0 个" in page
    assert "西城环路大修" in page  # the delayed project
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag


def test_every_number_links_to_its_query(small_client):
    page = small_client.get("/reports/whitepaper?year=2024").get_data(as_text=True)
    links = source_links(page)
    assert len(links) >= 20
    assert all("pub=" in href for href, _ in links if not href.startswith("#"))  # pinned to the publication
    assert check_traceable(small_client, page) >= 15


def test_region_paper(small_client):
    page = small_client.get(f"/reports/whitepaper?year=2024&region={WEST}").get_data(as_text=True)
    assert "西城区2024年预算执行白皮书" in page and "分区县执行情况" not in page
    assert ">30.00 万元<" in page
    check_traceable(small_client, page)


@pytest.mark.parametrize("query", ["year=1999", "region=999999", "year=abc"])
def test_bad_choices(small_client, query):
    response = small_client.get("/reports/whitepaper?" + query)
    assert response.status_code == 400 and "error-message" in response.get_data(as_text=True)


def test_download_is_self_contained(small_client):
    response = small_client.get("/reports/whitepaper?year=2024&download=1")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    page = response.get_data(as_text=True)
    assert "<style>" in page and "@page" in page and 'rel="stylesheet"' not in page


def test_generated_text_is_scrubbed(tmp_path):
    app, publication = make_app(tmp_path)
    with app.extensions["mingzhang.engine"].begin() as conn:  # a name the importer keeps verbatim
        conn.execute(update(schema.func_classes).where(schema.func_classes.c.code == "214")
                     .values(name="交通运输支出（联系人电话13812345678）"))
    # A published row changed underneath: forget what publishing read and memoised (the flags it stored
    # were computed then), as a new process would.
    from ledger.queries import cache
    cache.clear()
    page = app.test_client().get("/reports/whitepaper").get_data(as_text=True)
    assert "13812345678" not in page and "***-****-5678" in page  # at most the last four digits (anonymize/masks.py)


def test_cli_writes_html(small, tmp_path, monkeypatch):
    from portal.cli import main

    app, publication = small
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("MINGZHANG_INSTANCE", str(tmp_path))
    out = tmp_path / "wp.html"
    result = CliRunner().invoke(main, ["whitepaper", "--year", "2024", "--out", str(out),
                                       "--base-url", "https://budget.example.cn"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "示例市2024年预算执行白皮书" in page and publication["data_sha256"] in page
    assert "https://budget.example.cn/records/budgets.json?" in page or "https://budget.example.cn/data/" in page
    bad = CliRunner().invoke(main, ["whitepaper", "--year", "1999", "--out", str(tmp_path / "x.html")])
    assert bad.exit_code != 0 and "1999" in bad.output


def test_demo_whitepaper(client):
    response = client.get("/reports/whitepaper")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "预算执行白皮书" in page
    assert "**" not in page  # the scrub found no personal data to mask in generated text (no false positives)
    assert check_traceable(client, page, limit=25) >= 5


def test_yearbook_shape_without_budgets_or_projects(tmp_path):
    from small_publication import make_yearbook_app

    app, _publication = make_yearbook_app(tmp_path)
    client = app.test_client()
    page = client.get("/reports/whitepaper?year=2023").get_data(as_text=True)
    assert "全国2023年预算执行白皮书" in page and "不计算执行率" in page
    assert "分地区执行情况" in page and "年度预算 0.00" not in page and "项目总数" not in page
    assert check_traceable(client, page) >= 3


def test_supplier_ranking_and_notice(small, small_client):
    """The table ranks contractors; which ones get 「需关注」 is the supervision rules' call alone."""
    from ledger.queries.suppliers import concentration

    app, publication = small
    with app.extensions["mingzhang.engine"].connect() as conn:
        ranking = concentration(conn, publication["id"], year=2024)
    assert [c["contractor"] for c in ranking["contractors"]] == ["甲建设集团有限公司", "乙路桥有限公司"]
    assert ranking["contractors"][0]["categories"] == 3 and ranking["contractors"][0]["share"] == 0.75
    page = small_client.get("/reports/whitepaper?year=2024").get_data(as_text=True)
    assert 'href="/contractors/' in page  # names open the contractor's page
    assert "需关注</span></th>" not in page  # no award dates in this publication: no supplier rule can fire
