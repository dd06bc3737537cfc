"""Embedded search: SQLite FTS5 in its own index file (no server).

Layout of the index file:
- ``docs``: the original (unsegmented) document fields, for display and highlighting;
  rowids follow a static prior (type, then amount), see documents.TYPE_PRIORITY.
- ``fts``: contentless FTS5 over jieba-segmented title / names / body, plus ``tags``
  (filter tokens such as ``t_project y_2025``) so that filters are answered by the index, and
  ``grams`` (character bigrams of title and names) so that a name jieba splits differently in
  the query and in the document still matches as contiguous text.
- ``facts``: a narrow copy of the facet/sort columns; ``labels``: facet value → display name.
- ``names``: autocomplete and 「您是不是要找」 candidates with pinyin keys.
- ``vocab``: document frequency of every indexed term (fts5vocab, materialised) for bm25's idf.
- ``meta``: publication id, build time, the user dictionary, average document length, the facet codes
  and the dense vectors (numpy blobs; brute-force cosine, fine up to some tens of thousands of documents).

A re-index writes a new file and ``os.replace``s it over the old one: readers holding the
old file keep reading it, new searches see the new one, nobody sees a half-built index.

Ranking. FTS5's bm25() scans the whole posting list of every query phrase to count its documents,
and scores every match before LIMIT applies: far too slow for common words at a million documents.
So matches are read once, up to ``RANK_CAP`` in rowid (= static prior) order, rowids only (cheap);
the total and the facets are exact up to that cap and reported as "at least" beyond it (like
Elasticsearch's track_total_hits: ``total_exact`` false, counts are lower bounds), and the first
``RANK_TOP`` of them are ranked: exact title, title containing the query, then bm25 (search/ranking.py:
FTS5's formula, with document frequencies from the ``vocab`` table written at build time), then prior.
Matches past ``RANK_TOP`` follow in prior order. Facets are counted on small integer codes held in
memory (search/facet_codes.py) rather than by a lookup per hit.
"""
import io
import json
import os
import re
import sqlite3
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import numpy as np

from .didyoumean import suggestions
from .documents import TYPE_LABELS
from .facet_codes import FacetCodes
from .names import build_names, is_latin, pinyin_keys
from .ranking import idf, query_phrases, score_rows
from .request import FACET_FIELDS, FACETS, SearchRequest, empty_result, facet_label, result_item
from .text import Segmenter, normalize, normalize_aligned, parse_query

RANK_CAP = 5_000  # matches counted (and faceted) exactly up to here
RANK_TOP = 1_000  # matches scored by bm25 (first ones in static-prior order)
PHRASE_SCAN = 3_000  # word matches checked for an exact phrase
SUGGESTION_COUNT_CAP = 1_000
TAG_PREFIX = {"type": "t_", "year": "y_", "region": "r_", "township": "w_", "class": "c_", "status": "s_"}
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE docs (  -- short facet/sort columns first: reading them never touches the long text
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, year INTEGER, region_code TEXT,
  region TEXT, class_code TEXT, class_name TEXT, status TEXT, amount_fen INTEGER, date TEXT, url TEXT,
  code TEXT, title TEXT NOT NULL, title_norm TEXT NOT NULL, names TEXT NOT NULL, body TEXT NOT NULL,
  norm TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(title, names, body, tags, grams, content='',
  tokenize="unicode61 remove_diacritics 0 tokenchars '_'");
-- Narrow copy of the facet/sort columns: counting and ranking thousands of hits reads only these.
CREATE TABLE facts (rowid INTEGER PRIMARY KEY, type TEXT, year INTEGER, region_code TEXT, class_code TEXT,
  status TEXT, amount_fen INTEGER, date TEXT, title_norm TEXT, township_code TEXT);
CREATE TABLE labels (facet TEXT, value TEXT, label TEXT, PRIMARY KEY (facet, value));
CREATE TABLE names (name TEXT PRIMARY KEY, norm TEXT, kind TEXT, weight INTEGER, pinyin TEXT, initials TEXT);
-- Document frequency of every indexed term (fts5vocab 'row', materialised): bm25's idf without a
-- scan of the term's whole posting list at query time.
CREATE TABLE vocab (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID;
"""
NAME_INDEXES = """
CREATE INDEX ix_names_norm ON names(norm);
CREATE INDEX ix_names_pinyin ON names(pinyin);
CREATE INDEX ix_names_initials ON names(initials);
"""
DOC_COLUMNS = ("id", "type", "year", "region_code", "region", "class_code", "class_name", "status",
               "amount_fen", "date", "url", "code", "title", "names", "body")


def tags_for(doc):
    tags = [f"t_{doc['type']}"]
    if doc.get("year"):
        tags.append(f"y_{doc['year']}")
    for facet, field in (("region", "region_code"), ("township", "township_code"), ("class", "class_code"),
                         ("status", "status")):
        if doc.get(field):
            tags.append(TAG_PREFIX[facet] + _tag_value(doc[field]))
    return " ".join(tags)


_RUN_RE = re.compile(r"[^\W_]+")


def bigrams(*texts):
    """Overlapping character bigrams of each word run: recall for names jieba splits differently."""
    out = []
    for text in texts:
        for run in _RUN_RE.findall(normalize_aligned(text) if text else ""):
            if len(run) < 2 or run.isascii():  # Latin words and numbers stay whole
                out.append(run)
            else:
                out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return " ".join(out)


def _tag_value(value):
    return "".join(ch for ch in normalize(str(value)) if ch.isalnum())


def _quote(token):
    return '"' + token.replace('"', '""') + '"'


class SQLiteBackend:
    name = "sqlite"

    def __init__(self, path, config=None):
        self.path = Path(path)
        self.config = config or {}
        self._lock = threading.Lock()
        self._cache_key = None
        self._segmenter = None
        self._vectors = None
        self._facet_codes = None

    # ---- building -------------------------------------------------------------------

    def build(self, docs, *, publication_id=None, dictionary=(), vectors=None, vector_ids=None, semantic_off=None):
        """Write a complete new index file, then atomically replace the current one.

        ``semantic_off``: why this index has no vectors (semantic.semantic_off_reason), shown with results."""
        started = time.perf_counter()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.building")
        segmenter = Segmenter(dictionary)
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;")
            conn.executescript(SCHEMA)
            rowids = {}
            batch_docs, batch_fts, batch_places, count, total_chars = [], [], [], 0, 0
            facet_codes = FacetCodes()
            for rowid, doc in enumerate(docs, start=1):
                rowids[doc["id"]] = rowid
                title_norm = doc.get("title_norm") or normalize_aligned(doc["title"])
                norm = doc.get("norm") or "\n".join(
                    (title_norm, normalize_aligned(doc["names"]), normalize_aligned(doc["body"])))
                total_chars += len(norm)
                facet_codes.add(doc)
                batch_docs.append((rowid, *[doc.get(c) for c in DOC_COLUMNS[:13]], title_norm,
                                   doc["names"], doc["body"], norm))
                batch_places.append((doc.get("township_code") or "", doc.get("township") or ""))
                if "title_seg" in doc:  # pre-segmented (bench corpora)
                    segs = (doc["title_seg"], doc["names_seg"], doc["body_seg"])
                else:
                    segs = (segmenter.index_text(doc["title"]), segmenter.index_text(doc["names"]),
                            segmenter.index_text(doc["body"]))
                batch_fts.append((rowid, *segs, tags_for(doc), bigrams(title_norm, doc["names"])))
                count += 1
                if len(batch_docs) >= 20_000:
                    self._flush(conn, batch_docs, batch_fts, batch_places)
                    batch_docs, batch_fts, batch_places = [], [], []
            self._flush(conn, batch_docs, batch_fts, batch_places)
            conn.execute("INSERT INTO fts(fts) VALUES('optimize')")
            conn.executemany(
                "INSERT OR IGNORE INTO names VALUES (:name, :norm, :kind, :weight, :pinyin, :initials)",
                build_names(_DocsView(conn)))
            conn.execute("CREATE VIRTUAL TABLE temp.fts_vocab USING fts5vocab(main, fts, 'row')")
            conn.execute("INSERT INTO vocab SELECT term, doc FROM temp.fts_vocab WHERE term NOT GLOB '*_*'")
            conn.execute("DROP TABLE temp.fts_vocab")
            self._add_dictionary_names(conn, segmenter)
            conn.executescript(NAME_INDEXES)
            avg_chars = total_chars / count if count else 1.0
            meta = {"publication_id": publication_id, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    "build_id": uuid.uuid4().hex,
                    "doc_count": count, "dictionary": json.dumps(list(segmenter.words), ensure_ascii=False),
                    "avg_chars": round(avg_chars, 3), "facet_codes": facet_codes.to_blob(),
                    "build_seconds": round(time.perf_counter() - started, 2), "semantic_off": semantic_off}
            if vectors is not None and len(vector_ids or []):
                buffer = io.BytesIO()
                np.save(buffer, np.asarray(vectors, dtype=np.float32))
                meta["vectors"] = buffer.getvalue()
                meta["vector_rowids"] = json.dumps([rowids[i] for i in vector_ids])
            conn.executemany("INSERT INTO meta VALUES (?, ?)",
                             [(k, v if isinstance(v, bytes) else str(v) if v is not None else None)
                              for k, v in meta.items()])
            conn.commit()
        except BaseException:
            conn.close()
            tmp.unlink(missing_ok=True)
            raise
        conn.close()
        os.replace(tmp, self.path)
        return {"documents": count, "seconds": round(time.perf_counter() - started, 2), "path": str(self.path)}

    @staticmethod
    def _add_dictionary_names(conn, segmenter):
        """Dictionary terms (e.g. 养老院, 执行率) that occur in the data become names too."""
        known = {r[0] for r in conn.execute("SELECT norm FROM names")}
        doc_counts = dict(conn.execute("SELECT term, doc FROM vocab"))
        rows = []
        for word in segmenter.words:
            norm = normalize(word)
            count = doc_counts.get(norm)
            if count and norm not in known:
                full, initials = pinyin_keys(word)
                rows.append((word, norm, "词语", count, full, initials))
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?, ?, ?)", rows)

    @staticmethod
    def _flush(conn, batch_docs, batch_fts, batch_places):
        """``batch_places``: (township code, name) per document, aligned with ``batch_docs``."""
        if batch_docs:
            placeholders = ",".join("?" * (len(DOC_COLUMNS) + 3))
            conn.executemany(f"INSERT INTO docs VALUES ({placeholders})", batch_docs)
            # rowid, id, type, year, region_code, region, class_code, class_name, status, amount_fen, date, ...
            conn.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(d[0], d[2], d[3], d[4], d[6], d[8], d[9], d[10], d[13], place[0])
                              for d, place in zip(batch_docs, batch_places)])
            labels = {("region", d[4]): d[5] for d in batch_docs if d[4]}
            labels.update({("township", code): name for code, name in batch_places if code})
            labels.update({("class", d[6]): d[7] for d in batch_docs if d[6]})
            conn.executemany("INSERT OR REPLACE INTO labels VALUES (?, ?, ?)",
                             [(f, v, label) for (f, v), label in labels.items()])
            conn.executemany("INSERT INTO fts(rowid, title, names, body, tags, grams) VALUES (?, ?, ?, ?, ?, ?)",
                             batch_fts)

    # ---- reading --------------------------------------------------------------------

    def exists(self):
        return self.path.exists()

    def _connect(self):
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        return conn

    def _state(self, conn):
        """Segmenter and vectors of the index file ``conn`` has open (reloaded after a swap).

        The cache key is read from that open file, not from the path: stat-ing the path after opening
        could describe a newer file swapped in meanwhile, and the old file's metadata would then be
        cached under the new file's key."""
        key = tuple(conn.execute(
            "SELECT (SELECT value FROM meta WHERE key = 'build_id'), "
            "(SELECT value FROM meta WHERE key = 'publication_id'), "
            "(SELECT value FROM meta WHERE key = 'built_at')").fetchone())
        with self._lock:
            if key != self._cache_key:
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                self._segmenter = Segmenter(json.loads(meta.get("dictionary") or "[]"))
                self._vectors = None
                if meta.get("vectors"):
                    matrix = np.load(io.BytesIO(meta["vectors"]))
                    rowids = np.array(json.loads(meta["vector_rowids"]), dtype=np.int64)
                    self._vectors = (matrix, rowids)
                self._meta = {k: v for k, v in meta.items()
                              if k not in ("vectors", "dictionary", "vector_rowids", "facet_codes")}
                self._facet_codes = FacetCodes.from_blob(meta["facet_codes"]) if meta.get("facet_codes") else None
                self._cache_key = key
            return self._segmenter, self._vectors

    def info(self):
        if not self.exists():
            return {"backend": self.name, "exists": False}
        with self._connect() as conn:
            self._state(conn)
            return {"backend": self.name, "exists": True, "path": str(self.path), **self._meta,
                    "vectors": 0 if self._vectors is None else len(self._vectors[1])}

    def segmenter(self):
        with self._connect() as conn:
            return self._state(conn)[0]

    def all_documents(self):
        if not self.exists():
            return
        conn = self._connect()
        try:
            for row in conn.execute(f"SELECT {', '.join(DOC_COLUMNS)} FROM docs ORDER BY rowid"):
                yield dict(row)
        finally:
            conn.close()

    def _match(self, parsed, filters):
        clauses = []
        for word, subs in parsed.words:
            options = [_quote(word)]
            if subs:
                options.append(f"({' AND '.join(_quote(s) for s in subs)})")
            grams = bigrams(word)
            # The word as contiguous text of a title or name. A two-character word is its own single
            # bigram: the plain term already matches it in every column, grams included.
            if len(word) >= 2 and grams and grams != word:
                options.append("{grams} : " + _quote(grams))
            clauses.append(options[0] if len(options) == 1 else f"({' OR '.join(options)})")
        # No column filter needed: query words never contain "_", tag tokens always do.
        for facet, values in (filters or {}).items():
            tags = [_quote(TAG_PREFIX[facet] + _tag_value(v)) for v in values if _tag_value(v)]
            if tags:
                clauses.append(f"tags : ({' OR '.join(tags)})")
            else:
                clauses.append(_quote("t_nothing"))
        return " AND ".join(clauses)

    def _hits_sql(self, parsed):
        """A CTE selecting matching rowids (capped), with phrases checked on the original text."""
        if parsed.phrases:
            # The exact-phrase check reads each candidate's text: bounded to the first PHRASE_SCAN matches.
            checks = " AND ".join("instr(d.norm, ?) > 0" for _ in parsed.phrases)
            return (f"SELECT w.rowid AS rowid FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT {PHRASE_SCAN}) w "
                    f"CROSS JOIN docs d ON d.rowid = w.rowid WHERE {checks} LIMIT ?"), list(parsed.phrases)
        return "SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?", []

    def count(self, text, filters=None, cap=SUGGESTION_COUNT_CAP):
        """Matches of ``text``, counted up to ``cap`` (suggestions only need "some", cheaply)."""
        if not self.exists():
            return 0
        with self._connect() as conn:
            segmenter, _ = self._state(conn)
            parsed = parse_query(text, segmenter)
            if parsed.empty:
                return 0
            sql, extra = self._hits_sql(parsed)
            return conn.execute(f"SELECT count(*) FROM ({sql})",
                                [self._match(parsed, filters), *extra, cap]).fetchone()[0]

    embed_query = None  # set by search.get_backend: text -> vector, for hybrid search

    def search(self, request=None, *, embed_query=None, **kwargs):
        """Search with a SearchRequest (or its fields as keyword arguments, e.g. q="养老院")."""
        started = time.perf_counter()
        if not isinstance(request, SearchRequest):
            request = SearchRequest(q=request or kwargs.pop("q", ""), **kwargs)
        embed_query = embed_query or self.embed_query
        if not self.exists():
            return empty_result(request, ["搜索索引尚未建立：发布数据后会自动建立"])
        with self._connect() as conn:
            segmenter, vectors = self._state(conn)
            parsed = parse_query(request.q, segmenter)
            if parsed.empty and not request.filters:
                return empty_result(request, parsed.notices)
            match = self._match(parsed, request.filters)
            hits_sql, extra = self._hits_sql(parsed)
            hits_args = [match, *extra, RANK_CAP + 1]

            # One pass over the matches (the expensive part for common words); everything else reuses it.
            hit_ids = sorted(r[0] for r in conn.execute(hits_sql, hits_args))
            total = len(hit_ids)
            hit_json = json.dumps(hit_ids)
            counts = self._facet_codes_of(conn).counts(hit_ids)
            facets = self._facets(counts, request.filters, self._labels(conn))

            keyword_ids = self._ranked(conn, request, parsed, hit_ids, hit_json) if total else []
            use_dense = self._dense_wanted(request, parsed, vectors, embed_query)
            dense_ids = self._dense(request, parsed, vectors, embed_query, conn) if use_dense else []
            ordered, added = _fuse(keyword_ids, dense_ids, request) if dense_ids else (keyword_ids, 0)
            total_shown = total + added
            page_ids = ordered[request.offset: request.offset + request.size]
            rows = self._rows(conn, [rid for rid, _, _ in page_ids])
            results = [result_item(rows[rid], parsed.terms, score, how) for rid, score, how in page_ids
                       if rid in rows]
            result = empty_result(request, parsed.notices)
            result.update({
                "total": total_shown, "total_exact": total <= RANK_CAP,
                "pages": -(-min(total_shown, RANK_CAP) // request.size), "results": results, "facets": facets,
                "semantic": {"requested": bool(request.hybrid), "used": bool(dense_ids),
                             "available": vectors is not None, "added": added,
                             "off_reason": self._meta.get("semantic_off")},
            })
            if total > RANK_CAP:
                result["notices"].append(
                    f"匹配结果超过 {RANK_CAP:,} 条：条数和分类统计只计其中 {RANK_CAP:,} 条（实际更多），"
                    f"按相关度排列的是其中 {RANK_TOP:,} 条，请增加关键词缩小范围")
            if not total_shown and not parsed.empty:
                result["suggestions"] = suggestions(self, parsed, request.filters)
            result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
            return result

    def _ranked(self, conn, request, parsed, hit_ids, hit_json):
        """Ordered [(rowid, score, 'keyword')] over the (capped) hits.

        Relevance: the first RANK_TOP hits in static-prior order are ranked (exact title, then
        title containing the query, then bm25, then prior); the remaining hits follow in prior order.
        """
        if request.sort != "relevance" or parsed.empty:
            order = {"amount": "d.amount_fen IS NULL, d.amount_fen DESC, d.rowid",
                     "date": "d.date IS NULL, d.date DESC, d.rowid"}.get(request.sort, "d.rowid")
            want = request.offset + request.size
            rows = conn.execute(
                f"SELECT d.rowid FROM facts d WHERE d.rowid IN (SELECT value FROM json_each(?)) "
                f"ORDER BY {order} LIMIT ?", [hit_json, want]).fetchall()
            return [(r[0], None, "keyword") for r in rows]
        candidates = hit_ids[:RANK_TOP]
        rows = []
        for rowid, title_len, names_len, norm in conn.execute(
                "SELECT rowid, length(title), length(names), norm FROM docs "
                "WHERE rowid IN (SELECT value FROM json_each(?))", [json.dumps(candidates)]):
            rows.append((rowid, norm[:title_len], norm[title_len + 1:title_len + 1 + names_len],
                         norm[title_len + names_len + 2:]))
        scores = score_rows(rows, query_phrases(parsed, self._idf_function(conn, parsed)), self._avg_chars(conn))
        query_text = "".join(w for w, _ in parsed.words)
        titles = {r[0]: r[1] for r in rows}

        def title_rank(rowid):
            title = titles.get(rowid, "")
            return 0 if title == query_text else 1 if query_text and query_text in title else 2

        ranked = sorted(candidates, key=lambda rid: (title_rank(rid), -scores.get(rid, 0.0), rid))
        return [(rid, scores.get(rid, 0.0), "keyword") for rid in ranked] + \
            [(rid, None, "keyword") for rid in hit_ids[RANK_TOP:]]

    def _idf_function(self, conn, parsed):
        """text -> idf, from the index's document frequencies (one lookup per query)."""
        texts = {w for w, _ in parsed.words} | {s for _, subs in parsed.words for s in subs}
        pieces = {t: bigrams(t).split() for t in texts}
        keys = sorted(texts | {g for gs in pieces.values() for g in gs})
        marks = ",".join("?" * len(keys))
        try:
            df = dict(conn.execute(f"SELECT term, doc FROM vocab WHERE term IN ({marks})", keys))
        except sqlite3.OperationalError:  # an index file built before the vocab table existed
            conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, fts, 'row')")
            df = dict(conn.execute(f"SELECT term, doc FROM temp.vocab WHERE term IN ({marks})", keys))
        doc_count = int(self._meta.get("doc_count") or 0) or 1

        def idf_of(text):
            if text in df:
                return idf(doc_count, df[text])
            known = [df.get(g, 0) for g in pieces.get(text, ())]
            return idf(doc_count, min(known) if known else 0)
        return idf_of

    def _avg_chars(self, conn):
        if not self._meta.get("avg_chars"):  # older index file: measure once per file
            value = conn.execute("SELECT avg(length(norm)) FROM docs").fetchone()[0]
            self._meta["avg_chars"] = value or 1.0
        return float(self._meta["avg_chars"])

    def _dense_wanted(self, request, parsed, vectors, embed_query):
        enabled = request.hybrid if request.hybrid is not None else _hybrid_default(self.config)
        return (enabled and vectors is not None and embed_query is not None and request.sort == "relevance"
                and not parsed.phrases and bool(parsed.words))

    def _dense(self, request, parsed, vectors, embed_query, conn, k=20):
        matrix, rowids = vectors
        query_vec = embed_query(parsed.normalized)
        if query_vec is None:
            return []
        scores = matrix @ np.asarray(query_vec, dtype=np.float32)
        if request.filters:
            allowed = self._filter_rowids(conn, rowids, request.filters)
            scores = np.where(np.isin(rowids, allowed), scores, -np.inf)
        top = np.argsort(-scores)[:k]
        return [(int(rowids[i]), float(scores[i]), "semantic") for i in top if np.isfinite(scores[i])]

    def _filter_rowids(self, conn, rowids, filters):
        where, args = [], []
        for facet, values in filters.items():
            field = FACET_FIELDS[facet][0]
            where.append(f"CAST({field} AS TEXT) IN ({','.join('?' * len(values))})")
            args.extend(values)
        try:
            rows = conn.execute(f"SELECT rowid FROM facts WHERE {' AND '.join(where)}", args).fetchall()
        except sqlite3.OperationalError:  # an index file built before a facet's column existed: no doc has it
            rows = []
        return np.array([r[0] for r in rows], dtype=np.int64)

    def _rows(self, conn, rowids):
        if not rowids:
            return {}
        rows = conn.execute(f"SELECT rowid AS _rowid, {', '.join(DOC_COLUMNS)}, norm FROM docs WHERE rowid IN "
                            f"({','.join('?' * len(rowids))})", rowids).fetchall()
        return {r["_rowid"]: dict(r) for r in rows}

    def _labels(self, conn):
        if getattr(self, "_label_key", None) != self._cache_key:
            self._label_map = {(f, v): label for f, v, label in conn.execute("SELECT * FROM labels")}
            self._label_key = self._cache_key
        return self._label_map

    def _facet_codes_of(self, conn):
        if self._facet_codes is None:  # an index file built before the codes were stored: derive once
            with self._lock:
                self._facet_codes = FacetCodes.from_rows(conn.execute(
                    "SELECT type, year, region_code, class_code, status FROM facts ORDER BY rowid"))
        return self._facet_codes

    @staticmethod
    def _facets(counts, filters, labels):
        facets = {}
        for facet in FACETS:
            selected = set((filters or {}).get(facet, []))
            items = [{"value": v, "label": facet_label(facet, v, labels.get((facet, v))), "count": n,
                      "selected": v in selected} for v, n in counts[facet].items()]
            if facet == "year":
                items.sort(key=lambda i: i["value"], reverse=True)
            else:
                items.sort(key=lambda i: (-i["count"], i["value"]))
            facets[facet] = items
        return facets

    # ---- autocomplete and suggestions ------------------------------------------------

    def suggest(self, prefix, limit=10):
        """Names starting with ``prefix`` (characters, full pinyin or pinyin initials)."""
        prefix = normalize((prefix or "").strip())[:50]
        if not prefix or not self.exists():
            return []
        with self._connect() as conn:
            if is_latin(prefix):
                key = prefix.replace(" ", "").replace("'", "")
                rows = conn.execute(
                    "SELECT name, kind, weight FROM names WHERE (pinyin >= ? AND pinyin < ?) "
                    "OR (initials >= ? AND initials < ?) ORDER BY weight DESC, length(name), name LIMIT ?",
                    [key, key + "\uffff", key, key + "\uffff", limit]).fetchall()
            else:
                rows = conn.execute(
                    "SELECT name, kind, weight FROM names WHERE norm >= ? AND norm < ? "
                    "ORDER BY weight DESC, length(name), name LIMIT ?",
                    [prefix, prefix + "\uffff", limit]).fetchall()
            return [{"text": r["name"], "kind": r["kind"], "count": r["weight"]} for r in rows]

    def names_by_pinyin(self, key, prefix=False):
        with self._connect() as conn:
            if prefix:
                sql, args = ("SELECT name FROM names WHERE (pinyin >= ? AND pinyin < ?) OR initials = ? "
                             "ORDER BY weight DESC LIMIT 10", [key, key + "\uffff", key])
            else:
                sql, args = "SELECT name FROM names WHERE pinyin = ? ORDER BY weight DESC LIMIT 10", [key]
            return [r[0] for r in conn.execute(sql, args)]

    def names_near(self, norm):
        """Names that could be one edit away: same first or same last character, similar length."""
        with self._connect() as conn:
            # Index range scans only (a LIKE '%x' would read every name: slow at a million documents).
            rows = conn.execute(
                "SELECT name FROM (SELECT name, norm, weight FROM names WHERE norm >= ? AND norm < ? LIMIT 2000) "
                "WHERE length(norm) BETWEEN ? AND ? ORDER BY weight DESC LIMIT 200",
                [norm[:1], norm[:1] + "\uffff", len(norm) - 1, len(norm) + 1]).fetchall()
            rows += conn.execute(
                "SELECT name FROM (SELECT name, norm, weight FROM names WHERE norm >= ? AND norm < ? LIMIT 2000) "
                "WHERE length(norm) BETWEEN ? AND ? ORDER BY weight DESC LIMIT 200",
                [norm[:2], norm[:2] + "\uffff", len(norm) - 1, len(norm) + 1]).fetchall() if len(norm) > 2 else []
            return [r[0] for r in rows]


class _DocsView:
    """Iterates the docs table of an index being built, as document dicts (for names)."""

    def __init__(self, conn):
        self.conn = conn

    def __iter__(self):
        for row in self.conn.execute("SELECT type, title, names FROM docs"):
            yield {"type": row[0], "title": row[1], "names": row[2]}


def _hybrid_default(config):
    value = config.get("SEARCH_HYBRID", "1")
    return str(value).lower() in ("1", "true", "on", "yes")


def _fuse(keyword, dense, request, k=60):
    """Reciprocal rank fusion of keyword and dense rankings; returns (ordered, dense-only count)."""
    scores, how = defaultdict(float), {}
    for rank, (rid, _, _) in enumerate(keyword[:100]):
        scores[rid] += 1 / (k + rank + 1)
        how[rid] = "keyword"
    for rank, (rid, _, _) in enumerate(dense):
        scores[rid] += 1 / (k + rank + 1)
        how[rid] = "both" if rid in how else "semantic"
    fused = sorted(scores, key=lambda rid: -scores[rid])
    ordered = [(rid, scores[rid], how[rid]) for rid in fused]
    seen = set(fused)
    ordered += [item for item in keyword[100:] if item[0] not in seen]
    return ordered, sum(1 for rid in fused if how[rid] == "semantic")


__all__ = ["SQLiteBackend", "TYPE_LABELS", "pinyin_keys"]
