"""The chart bundle's download starts with the page (issue #17: charts on a slow phone): a page that draws
charts answers with a preload Link header naming the same content-hashed bundle charts.js runs after the
load event; a page without charts does not ask for it."""
import re

from small_publication import small, small_client  # noqa: F401 (fixtures)


def test_pages_with_charts_preload_the_bundle(small_client):
    for path in ("/", "/execution", "/compare"):
        response = small_client.get(path)
        html = response.get_data(as_text=True)
        bundle = re.search(r'data-echarts="(/static/vendor/echarts\.min\.[0-9a-f]{10}\.js)"', html).group(1)
        assert response.headers.getlist("Link") == [f"<{bundle}>; rel=preload; as=script"], path
        assert small_client.get(bundle).status_code == 200


def test_pages_without_charts_do_not(small_client):
    response = small_client.get("/glossary")
    assert "data-echarts" not in response.get_data(as_text=True)
    assert "Link" not in response.headers
