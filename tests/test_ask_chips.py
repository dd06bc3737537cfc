"""The /ask page's chips: sent back unchanged through the page's own form they give the same answer; an edited
chip asks the edited question. (Every evaluation question's chips are checked through /api/ask by the
evaluation harness, tests/eval/runner.py.)"""
from html.parser import HTMLParser

import pytest

AS_OF = "2026-10-31"


class _ChipForm(HTMLParser):
    """The inputs of <form class="chips">: {name: value}."""

    def __init__(self):
        super().__init__()
        self.inside, self.fields = False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "chips" in (attrs.get("class") or ""):
            self.inside = True
        elif tag == "input" and self.inside and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def _form(client, **args):
    parser = _ChipForm()
    parser.feed(client.get("/ask", query_string=args).get_data(as_text=True))
    return parser.fields


def _answer(client, **args):
    return client.get("/api/ask", query_string=args).get_json()["answer"]


@pytest.fixture()
def unlimited(client):
    from portal.extensions import limiter

    limiter.enabled = False
    yield client
    limiter.enabled = True


@pytest.mark.parametrize("q", ["去年全市修了多少公里农村公路", "2021年星桥区教育支出比枫林区多多少", "去年各区执行率排名",
                               "2024年执行率低于90%的部门有几个", "前年松岗县低保支出多少"])
def test_chips_sent_back_unchanged_give_the_same_answer(unlimited, q):
    fields = _form(unlimited, q=q, as_of=AS_OF)
    assert fields["asked"] == q and any(k.startswith("chip_") for k in fields)
    assert _answer(unlimited, **fields) == _answer(unlimited, q=q, as_of=AS_OF)


def test_an_edited_chip_asks_the_edited_question(unlimited):
    fields = _form(unlimited, q="2025年教育支出是多少", as_of=AS_OF)
    fields["chip_time"] = "2024年"
    assert _answer(unlimited, **fields) == _answer(unlimited, q="2024年教育支出是多少", as_of=AS_OF)
