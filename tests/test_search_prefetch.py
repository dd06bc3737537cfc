"""Passage vectors made while an import writes (search/prefetch.py): the same passages the index embeds,
encoded in another process into the vector cache, so the reindex after the import finds them there."""
import sqlite3

from sqlalchemy import create_engine, select

from ledger import schema
from search import prefetch, semantic
from search.documents import build_documents


def _published_tables(engine, pub_id):
    tables = {}
    with engine.connect() as conn:
        for name in ("regions", "departments", "func_classes", "projects", "documents"):
            table = getattr(schema, name)
            tables[name] = [dict(row) for row in conn.execute(
                select(table).where(table.c.publication_id == pub_id)).mappings()]
    return tables


def _current(engine):
    with engine.connect() as conn:
        return conn.execute(select(schema.publications.c.id).where(schema.publications.c.status == "published")
                            .order_by(schema.publications.c.id.desc())).scalar()


def test_the_rows_give_the_passages_the_index_embeds(demo_instance):
    engine = create_engine(f"sqlite:///{demo_instance / 'mingzhang.db'}")
    pub_id = _current(engine)
    indexed = {semantic.PASSAGE_PROMPT + semantic.passage_text(d) for d in build_documents(engine, pub_id)
               if d["type"] in semantic.EMBEDDED_TYPES}
    assert len(indexed) > 1000
    assert set(prefetch.passage_texts(_published_tables(engine, pub_id))) == indexed


def test_a_command_line_import_encodes_them_in_another_process(demo_instance, tmp_path, monkeypatch):
    monkeypatch.setattr(prefetch, "MIN_PASSAGES", 1)  # a province's worth is not needed to see it work
    engine = create_engine(f"sqlite:///{demo_instance / 'mingzhang.db'}")
    tables = _published_tables(engine, _current(engine))
    tables = {"projects": tables["projects"][:12], "func_classes": tables["func_classes"],
              "regions": tables["regions"]}
    config = {"BATCH_JOB": True, "SEARCH_HYBRID": "1", "SEARCH_EMBEDDING_CACHE": str(tmp_path / "vectors.sqlite")}
    process = prefetch.start(config, tables)
    assert process is not None and process.pid
    prefetch.wait()
    assert process.exitcode == 0
    texts = prefetch.passage_texts(tables)
    cached = semantic.VectorCache(config).get(texts)
    assert all(vector is not None for vector in cached)
    with sqlite3.connect(tmp_path / "vectors.sqlite") as conn:  # hashes and vectors only, never the text
        assert conn.execute("SELECT count(*) FROM vectors").fetchone()[0] == len(texts)
        assert not conn.execute("SELECT count(*) FROM vectors WHERE key LIKE ?", ("%项目%",)).fetchone()[0]


def test_a_web_worker_or_a_cache_turned_off_or_a_small_import_does_not_prefetch(monkeypatch):
    rows = {"projects": [{"name": "城东区道路改造工程", "category": "道路", "class_code": "21401"}]}
    assert prefetch.start({"BATCH_JOB": True, "SEARCH_HYBRID": "1"}, rows) is None  # too few to be worth it
    monkeypatch.setattr(prefetch, "MIN_PASSAGES", 1)
    assert prefetch.start({"SEARCH_HYBRID": "1"}, rows) is None
    assert prefetch.start({"BATCH_JOB": True, "SEARCH_HYBRID": "1", "SEARCH_EMBEDDING_CACHE": "off"}, rows) is None
    assert prefetch.start({"BATCH_JOB": True, "SEARCH_HYBRID": "0"}, rows) is None


def test_the_reindex_stops_a_prefetch_still_running_and_keeps_what_it_finished(demo_instance, tmp_path,
                                                                                 monkeypatch):
    monkeypatch.setattr(prefetch, "MIN_PASSAGES", 1)
    engine = create_engine(f"sqlite:///{demo_instance / 'mingzhang.db'}")
    tables = _published_tables(engine, _current(engine))
    config = {"BATCH_JOB": True, "SEARCH_HYBRID": "1", "SEARCH_EMBEDDING_CACHE": str(tmp_path / "vectors.sqlite")}
    process = prefetch.start(config, tables)
    prefetch.cancel()  # long before its ~2,000 passages are done
    assert not process.is_alive()
    texts = prefetch.passage_texts(tables)
    cached = sum(vector is not None for vector in semantic.VectorCache(config).get(texts))
    assert cached < len(texts)  # the rest is the reindex's to encode; nothing half-written is read back
