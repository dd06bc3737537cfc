"""One pace basis everywhere (ledger/supervision/rules.toml [pace] basis): the warnings page, its API, the
execution pages, the home page, /compare and the white paper judge and word the pace alike.

The small publication has January–June of 2023 and 2024 only: no complete earlier year, so the default
basis (往年同期进度) falls back to 时间进度, and every place says so in the same words."""
import re
from html import unescape

from small_publication import EAST, WEST, small, small_client  # noqa: F401 (fixtures)

from ledger import supervision

NOTE = "规则按往年同期进度判断，但2021–2023年没有 12 个月齐全的支出数据，无法计算往年同期进度，改按时间进度判断"


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(re.sub(r"<[^>]+>", "", response.get_data(as_text=True)))


def test_the_default_basis_is_the_profile():
    assert supervision.load_rules().pace.basis == "profile"


def test_the_same_pace_text_on_every_page(small_client):
    flags = [f for f in small_client.get("/api/warnings").get_json()["flags"] if f["kind"] == "pace"]
    regions = {f["code"] for f in flags if f["subject"] == "region"}
    assert WEST in regions and EAST not in regions  # 西城区 15% by June; 东城区 48%
    assert all("均低于时间进度的70%（29.2%、35.0%）" in f["detail"] and NOTE in f["detail"] for f in flags)
    pages = {url: text_of(small_client, url) for url in
             ("/warnings", "/reports/whitepaper?year=2024", f"/execution/region/{WEST}")}
    for flag in flags:
        assert flag["detail"] in pages["/warnings"] and flag["detail"] in pages["/reports/whitepaper?year=2024"]
    assert next(f["detail"] for f in flags if f["code"] == WEST) in pages[f"/execution/region/{WEST}"]
    # Where the area stands (home, /execution) and the comparison's rule line: the same basis, the same reason.
    for url in ("/", "/execution"):
        assert f"预警线 35.0%（时间进度的 70%；{NOTE}）" in text_of(small_client, url), url
    compare = text_of(small_client, "/compare")
    assert "累计执行率连续 2 个月低于时间进度的 70%（本月即 35.0%）" in compare and NOTE in compare
    behind = {r["code"] for r in small_client.get("/api/compare").get_json()["regions"] if r["behind_pace"]}
    assert behind == regions - {"990000"}  # the districts the warnings flag (市本级 is not compared)
