"""A declined question shows the site search's results (the index /search uses, passed into nlq by the
portal), not a second keyword scan of its own."""
from conftest import DEMO_AS_OF


def asked(client, question):
    response = client.get("/api/ask", query_string={"q": question, "as_of": DEMO_AS_OF.isoformat()})
    assert response.status_code == 200
    return response.get_json()


def searched(client, query, size=10):
    return client.get("/search.json", query_string={"q": query, "size": size}).get_json()


def test_a_declined_question_shows_what_search_shows(client):
    body = asked(client, "示例市第一中学的操场什么时候修好")
    fallback = body["search_fallback"]
    assert body["query"] is None and fallback["results"]
    site = searched(client, fallback["query"])
    assert [r["title"] for r in fallback["results"]] == [r["title"] for r in site["results"]][:len(fallback["results"])]
    assert [r["url"] for r in fallback["results"]] == [r["url"] or None for r in site["results"]][:len(fallback["results"])]
    assert fallback["total"] == site["total"] and fallback["url"].startswith("/search?q=")


def test_the_whole_question_first_then_its_words(client):
    """A question search finds nothing for as a whole is searched word by word, as the /ask page hands off."""
    from nlq.fallback import keyword_fallback

    calls = []

    def search(query, size):
        calls.append(query)
        return searched(client, query, size) if query == "幼儿园" else {"results": [], "total": 0}

    fallback = keyword_fallback(None, None, "幼儿园扩建的事找谁", ["扩建", "幼儿园"], search=search)
    assert calls == ["幼儿园扩建的事找谁", "扩建", "幼儿园"]
    assert fallback["query"] == "幼儿园" and fallback["results"]
    assert [r["title"] for r in fallback["results"]] == [r["title"] for r in searched(client, "幼儿园")["results"]]


def test_without_search_nlq_scans_names_itself(ask_demo):
    """nlq used on its own (no portal, no index): project and department names holding a word."""
    result = ask_demo("示例市第一中学的操场什么时候修好")
    assert result["query"] is None and result["search_fallback"]["results"]
    assert {r["url"].split("?")[0].rsplit("/", 1)[0] for r in result["search_fallback"]["results"]} <= {
        "/projects", "/execution"}
