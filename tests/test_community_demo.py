"""Comments and the staff area over the full demo publication (a private copy: writes don't leak)."""
import shutil

import pytest
from community_support import create_staff, csrf_token, login, post_comment
from conftest import _config_for
from sqlalchemy import select

from ledger import schema


@pytest.fixture()
def demo_copy(demo_instance, tmp_path):
    from portal import create_app

    instance = tmp_path / "instance"
    shutil.copytree(demo_instance, instance, ignore=shutil.ignore_patterns("raw"))
    return create_app(_config_for(instance))


def test_demo_project_comment_and_deid_report(demo_copy):
    app = demo_copy
    with app.extensions["mingzhang.engine"].connect() as conn:
        code = conn.execute(select(schema.projects.c.code).order_by(schema.projects.c.code).limit(1)).scalar_one()
    client = app.test_client()
    page = client.get(f"/projects/{code}").get_data(as_text=True)
    assert "公众评议" in page and "暂无公开评分" in page
    assert post_comment(client, code, body="演示项目的评议，电话 13912345678", rating=3).status_code == 303
    create_staff(app, "alice", "admin")
    staff = app.test_client()
    login(staff, "alice")
    with app.extensions["mingzhang.engine"].connect() as conn:
        comment_id = conn.execute(select(schema.comments.c.id)).scalar_one()
    staff.post(f"/admin/comments/{comment_id}/approve", data={"csrf_token": csrf_token(staff, "/admin/comments")})
    page = client.get(f"/projects/{code}").get_data(as_text=True)
    assert "演示项目的评议" in page and "13912345678" not in page and "共 1 条已公开评分" in page
    # the demo's full de-identification report renders for staff
    detail = staff.get("/admin/publications/1")
    assert detail.status_code == 200
    text = detail.get_data(as_text=True)
    assert "本数据已脱敏" in text and "个人姓名" in text and "SHA-256" in text
