"""On a 375-px phone the public pages fit the screen (wide tables scroll in their own box) without script errors."""
import pytest
from sqlalchemy import select

from ledger import schema

pytestmark = pytest.mark.browser


def test_public_pages_fit_a_phone_without_console_errors(live_server, mobile_page, demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        project = conn.execute(select(schema.projects.c.code).order_by(schema.projects.c.code).limit(1)).scalar_one()
        document = conn.execute(select(schema.documents.c.slug).order_by(schema.documents.c.slug)
                                .limit(1)).scalar_one()
        districts = conn.execute(select(schema.regions.c.code).where(schema.regions.c.level == 1)
                                 .order_by(schema.regions.c.code).limit(2)).scalars().all()
    paths = ["/", "/execution", f"/projects/{project}", "/documents", f"/documents/{document}",
             "/reports/whitepaper?year=2025", "/publications", "/data",
             "/compare?" + "&".join(f"region={code}" for code in districts)]
    page = mobile_page
    for path in paths:
        response = page.goto(live_server + path, wait_until="networkidle")
        assert response.status == 200, path
        width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= viewport, f"{path}: page is {width}px wide on a {viewport}px screen"
        # the footer cites the publication and its de-identification summary on every page
        footer = page.locator("footer.site-footer").inner_text()
        assert "本数据已脱敏" in footer and "SHA-256" in footer, path
    assert page.console_errors == []
