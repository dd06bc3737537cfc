"""Fixtures for comment and staff-area tests: a tiny real publication on its own SQLite file."""
import csv
import re

import pytest

PROJECT = "XM2025-001"
OTHER_PROJECT = "XM2025-002"


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write_small_raw(folder):
    """Raw CSVs for one district with two projects (the documented layout, Chinese headers)."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "regions.csv", ["地区代码", "地区名称", "上级地区代码", "层级", "常住人口"],
           [["990000", "示例市", "", "0", "1000000"], ["990101", "东城区", "990000", "1", "300000"]])
    _write(folder / "功能分类.csv", ["科目编码", "科目名称"], [["214", "交通运输支出"], ["21401", "公路水路运输"]])
    _write(folder / "departments.csv", ["单位代码", "单位名称", "地区代码"], [["D001", "东城区交通局", "990101"]])
    _write(folder / "项目.csv",
           ["项目编号", "项目名称", "年度", "地区代码", "单位代码", "科目编码", "项目类别", "总投资（元）",
            "年度计划（元）", "已支付（元）", "项目状态", "形象进度（%）"],
           [[PROJECT, "东城区农村公路改造", "2025", "990101", "D001", "21401", "农村公路", "5000000", "3000000",
             "1000000", "在建", "40"],
            [OTHER_PROJECT, "东城区桥梁维修", "2025", "990101", "D001", "21401", "农村公路", "800000", "800000",
             "0", "未开工", "0"]])
    return folder


def config_for(tmp_path, **extra):
    return {
        "INSTANCE_PATH": tmp_path,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.db'}",
        "SEARCH_INDEX_PATH": tmp_path / "search.db",
        "SECRET_KEY": "test-secret",
        "PSEUDONYM_KEY": "test-pseudonym-key",
        "TESTING": True,
        "SEARCH_HYBRID": "0",  # re-index with full-text search only: no embedding model to load
        **extra,
    }


def make_portal(tmp_path, **extra):
    """A portal over a fresh database with the small publication (no search re-index: fast)."""
    from ledger.importer.publish import publish
    from portal import create_app

    app = create_app(config_for(tmp_path, **extra))
    publish(app.extensions["mingzhang.engine"], [write_small_raw(tmp_path / "raw")],
            pseudonym_key="test-pseudonym-key", dataset="small", title="小型测试数据", created_by="tests")
    return app


def csrf_token(client, path):
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_comment(client, code=PROJECT, *, body, rating=4, token=None, **fields):
    page = f"/projects/{code}/comments"
    data = {"rating": str(rating), "body": body, "return_to": page, "website": "", **fields}
    if token is not False:
        data["csrf_token"] = token or csrf_token(client, page)
    return client.post(page, data=data)


def create_staff(app, username, role, password="correct-horse-battery"):
    from portal.auth import create_user

    with app.app_context():
        create_user(username, password, role)
    return password


def login(client, username, password="correct-horse-battery"):
    token = csrf_token(client, "/admin/login")
    return client.post("/admin/login", data={"username": username, "password": password, "csrf_token": token})


@pytest.fixture()
def moderated_portal_url(tmp_path):
    """The small publication served over real HTTP, with a moderator 「mona」 (browser journeys)."""
    from support.servers import serve_in_thread

    app = make_portal(tmp_path)
    create_staff(app, "mona", "moderator")
    with serve_in_thread(app) as base_url:
        yield base_url
