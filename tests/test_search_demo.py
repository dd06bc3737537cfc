"""The search index built by publishing the demo (portal/hooks.after_publish → search.reindex)."""
from collections import Counter

from sqlalchemy import func, select

from ledger import schema
from ledger.db import current_publication
from search import SearchRequest, get_backend


def test_publication_is_indexed_from_published_tables(demo_app):
    backend = get_backend(demo_app.config)
    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        pub = current_publication(conn)
        projects = conn.execute(select(func.count()).where(schema.projects.c.publication_id == pub["id"])).scalar()
        documents = conn.execute(select(func.count()).where(schema.documents.c.publication_id == pub["id"])).scalar()
        departments = conn.execute(
            select(func.count()).where(schema.departments.c.publication_id == pub["id"])).scalar()
    assert int(backend.info()["publication_id"]) == pub["id"]
    counts = Counter(doc["type"] for doc in backend.all_documents())
    assert counts["project"] == projects and counts["report"] == documents and counts["department"] == departments
    assert counts["budget"] > 0


def test_citizen_queries_on_the_demo(demo_app):
    backend = get_backend(demo_app.config)
    roads = backend.search(SearchRequest(q="农村公路", hybrid=False))
    assert roads["total"] > 50
    assert all("农村公路" in r["title"] + r["snippet"] for r in roads["results"])
    years = [f["value"] for f in roads["facets"]["year"]]
    assert years == sorted(years, reverse=True) and len(years) >= 3
    region = roads["facets"]["region"][0]
    narrowed = backend.search(SearchRequest(q="农村公路", filters={"region": [region["value"]]}, hybrid=False))
    assert narrowed["total"] == region["count"]
    assert backend.search(SearchRequest(q="養老", hybrid=False))["total"] > 0
    assert backend.suggest("农村")


def test_search_page_over_the_demo(client):
    html = client.get("/search?q=农村公路").get_data(as_text=True)
    assert "<mark>农村公路</mark>" in html
    data = client.get("/api/search?q=农村公路&sort=amount").get_json()
    amounts = [r["amount_fen"] for r in data["results"]]
    assert amounts == sorted(amounts, reverse=True)
