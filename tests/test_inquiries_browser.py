"""Browser journeys: an anonymous inquiry from a project page is assigned and answered in the back office
and then public with its answer, the private link showing each status; a commenter follows their
comment's approval and reply through the link the comment form gives."""
import pytest
from community_support import PROJECT, moderated_portal_url  # noqa: F401 (fixture)
from playwright.sync_api import expect

PHONE = "13812345678"
PASSWORD = "correct-horse-battery"


def staff_login(page, base_url):
    page.goto(f"{base_url}/admin/login")
    page.get_by_label("用户名").fill("mona")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def status_on(page, link):
    page.goto(link)
    return page.locator("dd.status").inner_text()


@pytest.mark.browser
def test_inquiry_journey_from_question_to_public_answer(moderated_portal_url, browser_page):
    page = browser_page
    page.goto(f"{moderated_portal_url}/projects/{PROJECT}")
    page.get_by_role("link", name="对这个数字有疑问").click()
    assert "东城区农村公路改造" in page.inner_text("main")
    page.get_by_label("您的问题").fill(f"已支付 100 万元，为何形象进度已到 40%？请联系{PHONE}")
    page.get_by_role("button", name="提交质询").click()
    expect(page.locator(".tracking-code")).to_contain_text("ZX000001")
    link = page.locator("a.followup-link").get_attribute("href")
    assert status_on(page, link) == "已受理"
    assert PHONE not in page.content()

    staff = page.context.browser.new_page()  # its own cookies: the citizen stays anonymous
    staff_login(staff, moderated_portal_url)
    staff.get_by_role("navigation", name="管理导航").get_by_role("link", name="质询办理").click()
    staff.get_by_role("link", name="ZX000001").click()
    staff.get_by_label("承办部门").select_option("D001")
    staff.get_by_role("button", name="分派并转入办理").click()
    expect(staff.locator("dd.status")).to_contain_text("办理中")  # waits for the page after the post
    assert status_on(page, link) == "办理中"

    staff.get_by_label("官方答复").fill("形象进度按完成工程量计，支付按合同节点结算，两者不同步。")
    staff.get_by_role("button", name="答复并公开").click()
    assert status_on(page, link) == "已答复"
    assert "两者不同步" in page.locator(".inquiry-reply").inner_text()

    page.goto(f"{moderated_portal_url}/inquiries")
    public = page.locator("#ZX000001").inner_text()
    assert "为何形象进度已到 40%" in public and "两者不同步" in public and "东城区交通局" in public
    assert PHONE not in page.content()
    assert "东城区交通局" in page.locator("table").inner_text()
    assert page.console_errors == []


@pytest.mark.browser
def test_commenter_follows_approval_and_reply_through_the_private_link(moderated_portal_url, browser_page):
    page = browser_page
    page.goto(f"{moderated_portal_url}/projects/{PROJECT}")
    panel = page.locator("#community")
    panel.get_by_label("4 星").check()
    panel.get_by_label("评议内容").fill("路灯晚上不亮，请尽快修。")
    panel.get_by_role("button", name="提交评议").click()
    link = page.locator("#community a.followup-link").get_attribute("href")
    assert status_on(page, link) == "待审核"

    staff = page.context.browser.new_page()  # its own cookies: the citizen stays anonymous
    staff_login(staff, moderated_portal_url)
    staff.goto(f"{moderated_portal_url}/admin/comments")
    item = staff.locator("article.comment").filter(has_text="路灯晚上不亮")
    item.get_by_label("官方回复").fill("已安排维修。")
    item.get_by_role("button", name="保存回复").click()
    staff.locator("article.comment").filter(has_text="路灯晚上不亮").get_by_role("button", name="通过并公开").click()

    assert status_on(page, link) == "已公开"
    assert "已安排维修。" in page.locator(".comment-reply").inner_text()


@pytest.mark.browser
def test_no_serious_axe_violations_on_inquiry_pages(moderated_portal_url, chromium):
    from test_accessibility import _axe_blocking, _axe_context, _check_pages, _report

    context, page = _axe_context(chromium, viewport={"width": 1280, "height": 900})
    form = f"/inquiries/new?kind=project&ref={PROJECT}&url=/projects/{PROJECT}&label=东城区农村公路改造"
    page.goto(moderated_portal_url + form)
    page.get_by_label("您的问题").fill("为什么第二季度没有支付？")
    page.get_by_role("button", name="提交质询").click()
    _report({"accepted": found} if (found := _axe_blocking(page)) else {})
    link = page.locator("a.followup-link").get_attribute("href")
    track = link[link.index("/inquiries/track/"):]  # the path of the absolute link
    _check_pages(page, moderated_portal_url, {"form": form, "track": track, "public list": "/inquiries"})
    staff_login(page, moderated_portal_url)
    _check_pages(page, moderated_portal_url, {"staff list": "/admin/inquiries/", "staff detail": "/admin/inquiries/1",
                                    "staff list (all)": "/admin/inquiries/?status=all"})
    context.close()
