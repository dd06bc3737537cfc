"""Documents section: filters, reading page with a table of contents, de-identified downloads."""
import re

import pytest
from small_publication import small, small_client  # noqa: F401 (fixtures)

from ledger.documents import parse_body, table_of_contents


def test_headings_become_a_table_of_contents():
    blocks = parse_body("标题\n\n一、总体情况\n\n正文一段。\n\n（一）教育\n\n"
                        "一、这是一段很长的正文而不是标题，因为它以句号结尾。\n\n## 附录")
    toc = table_of_contents(blocks)
    assert [(h.level, h.text, h.anchor) for h in toc] == [
        (1, "一、总体情况", "s1"), (2, "（一）教育", "s2"), (2, "附录", "s3")]
    assert blocks[0].kind == "paragraph"


def test_list_and_filters(small_client):
    html = small_client.get("/documents").get_data(as_text=True)
    assert "示例市2024年上半年预算执行情况的报告" in html and "东城区2023年决算报告" in html
    html = small_client.get("/documents?year=2023").get_data(as_text=True)
    assert "东城区2023年决算报告" in html and "上半年预算执行情况" not in html
    data = small_client.get("/api/documents?type=执行情况").get_json()
    assert [d["slug"] for d in data["documents"]] == ["2024-h1-execution"]
    assert small_client.get("/api/documents?region=990101").get_json()["count"] == 1
    assert data["publication"]["sha256"]


def test_bad_filter(small_client):
    assert small_client.get("/documents?year=abc").status_code == 400
    error = small_client.get("/api/documents?year=abc").get_json()["error"]
    assert error["code"] == "bad_filter" and "年度" in error["message"]


def test_reading_page(small_client):
    html = small_client.get("/documents/2024-h1-execution").get_data(as_text=True)
    toc = re.findall(r'<li class="level-(\d)"><a href="#(s\d+)">([^<]+)</a>', html)
    assert toc == [("1", "s1", "一、总体情况"), ("2", "s2", "（一）教育支出"), ("2", "s3", "（二）社会保障"),
                   ("1", "s4", "二、下一步工作")]
    assert '<h2 id="s1">一、总体情况</h2>' in html and '<h3 id="s2">（一）教育支出</h3>' in html
    assert "不提供原始文件下载" in html and "已脱敏" in html
    assert small_client.get("/documents/no-such-doc").status_code == 404


@pytest.mark.parametrize("ext, mimetype", [("txt", "text/plain"), ("md", "text/markdown")])
def test_download_is_the_published_text(small_client, small, ext, mimetype):
    response = small_client.get(f"/documents/2024-h1-execution/download.{ext}")
    assert response.status_code == 200 and response.mimetype == mimetype
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert "教育支出执行进度较快。" in text and "不提供原始文件下载" in text
    assert small[1]["data_sha256"] in text
    if ext == "md":
        assert "## 一、总体情况" in text and "### （一）教育支出" in text


def test_permalink(small_client, small):
    pub_id = small[1]["id"]
    html = small_client.get(f"/documents?pub={pub_id}").get_data(as_text=True)
    assert f"/documents/2024-h1-execution?pub={pub_id}" in html
    assert small_client.get("/documents/2024-h1-execution?pub=999").status_code == 404


def test_demo_documents(client):
    assert client.get("/documents").status_code == 200
    data = client.get("/api/documents").get_json()
    for item in data["documents"][:3]:
        assert client.get(f"/documents/{item['slug']}").status_code == 200
