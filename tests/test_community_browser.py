"""Browser journey: a citizen comments with a phone number in it, a moderator approves and replies
through the staff area, and the public project page shows it with the number masked."""
import pytest
from community_support import PROJECT, moderated_portal_url  # noqa: F401 (fixture)

PHONE = "13812345678"


@pytest.mark.browser
def test_comment_moderation_journey(moderated_portal_url, browser_page):
    page = browser_page
    project_url = f"{moderated_portal_url}/projects/{PROJECT}"

    # A citizen rates and comments on the project page.
    page.goto(project_url)
    panel = page.locator("#community")
    assert panel.get_by_role("heading", name="公众评议").is_visible()
    honeypot = page.locator("#comment-website").bounding_box()
    assert honeypot["x"] + honeypot["width"] <= 0  # the honeypot is off-screen for people
    panel.get_by_label("4 星").check()
    body = f"路灯晚上不亮，请联系我{PHONE}，谢谢。"
    panel.get_by_label("评议内容").fill(body)
    # community.js (loaded under the CSP) counts down from the limit
    assert panel.locator(".char-count").inner_text() == f"还可输入 {500 - len(body)} 字"
    panel.get_by_role("button", name="提交评议").click()
    page.wait_for_url(f"{project_url}#community")
    assert "审核通过后将公开显示" in panel.inner_text()
    assert "路灯晚上不亮" not in panel.inner_text()  # pending, not public yet

    # A moderator finds the staff area from the footer, logs in and approves with a reply.
    page.get_by_role("link", name="管理").click()
    page.get_by_label("用户名").fill("mona")
    page.get_by_label("密码").fill("correct-horse-battery")
    page.get_by_role("button", name="登录").click()
    page.get_by_role("navigation", name="管理导航").get_by_role("link", name="评议审核").click()
    item = page.locator("article.comment").filter(has_text="路灯晚上不亮")
    assert PHONE not in item.inner_text()  # masked before storage: even staff never see it
    item.get_by_label("官方回复").fill("已安排维修，预计本周内修复。")
    item.get_by_role("button", name="保存回复").click()
    page.locator("article.comment").filter(has_text="路灯晚上不亮").get_by_role("button", name="通过并公开").click()
    assert "已处理评议" in page.inner_text("main")

    # Back on the public page, logged out: the comment, its rating and the reply are public; the number is not.
    page.get_by_role("button", name="退出登录").click()
    page.goto(project_url)
    panel = page.locator("#community")
    text = panel.inner_text()
    assert "路灯晚上不亮" in text and "已安排维修，预计本周内修复。" in text and "财政局回复" in text
    assert "共 1 条已公开评分" in text and "4.0" in text
    assert PHONE not in page.content()
    assert page.console_errors == []
