"""Elasticsearch 8 backend (official client), for stock Elasticsearch without plugins.

Matching is the embedded backend's, field for field (search/sqlite_backend.py defines it):
text is segmented in Python with the same jieba segmenter and user dictionary and stored in
``*_seg`` fields; ``grams`` holds the same character bigrams of title and names as the embedded
``grams`` column (a name jieba splits differently still matches as contiguous text: a phrase of
bigrams); ``chars`` holds the normalised title, names and body one character per token, so that
an exact "phrase" is a phrase of characters there, i.e. the substring test the embedded backend
makes on its ``norm`` text. All three are analysed by the built-in ``whitespace`` analyzer (the
text is normalised and lower-cased in Python). The original title, names and body are kept in
``standard``-analysed fields with ``.kw`` keyword subfields for ad-hoc searches. Facet fields are
keywords. Highlights are made from the original text in ``_source`` by the shared highlighter
(search.text.highlight), so both backends mark exactly the same words.

Only analysis built into the Elasticsearch server is used (standard and whitespace analyzers),
none from the analysis-common module (``cjk``, the ``whitespace`` tokenizer, ``lowercase`` as a
custom filter): the mapping then works on any Elasticsearch 8 node, including the test node of
scripts/elasticsearch.sh, which runs the server jar without that module (Elastic publishes no
analysis-common for 8.x on Maven Central). ``dense_vector`` and kNN search are server features.

Index versions: ``<alias>-v<timestamp>`` behind the alias ``<alias>``; names for autocomplete
in ``<alias>-names-v<timestamp>`` behind ``<alias>-names``. A re-index bulk-loads the new
versions, refreshes them, then moves both aliases in one ``update_aliases`` call (atomic),
and deletes the old versions: searches never see a partial index.
"""
import json
import time
from collections import defaultdict

from .didyoumean import suggestions
from .names import build_names, is_latin, pinyin_keys
from .request import FACET_FIELDS, FACETS, MAX_RESULT_WINDOW, SearchRequest, empty_result, facet_label, result_item
from .semantic import hybrid_enabled
from .sqlite_backend import bigrams
from .text import Segmenter, normalize, normalize_aligned, parse_query

SEG_FIELDS = {"title_seg": 10.0, "names_seg": 4.0, "body_seg": 1.0}
# A query word (or sub-word) matches a segmented field or a bigram of title/names, as in the embedded backend,
# scored like it too: combined_fields is BM25F (weighted term frequencies summed over the fields, one length),
# the embedded ranking's formula (search/ranking.py), with the same weights, bigrams counting for words only.
WORD_FIELDS = [f"{f}^{w:g}" for f, w in SEG_FIELDS.items()] + ["grams^2"]
SUB_FIELDS = [f"{f}^{w:g}" for f, w in SEG_FIELDS.items()] + ["grams^1"]  # 1: the least weight allowed
KEYWORD_FIELDS = ("id", "type", "region_code", "region", "class_code", "class_name", "status", "url", "code",
                  "township_code", "township")
TRACK_TOTAL = MAX_RESULT_WINDOW


def index_settings():
    return {"number_of_shards": 1}


def index_mappings(meta, dims=None):
    text = {"type": "text", "analyzer": "standard", "fields": {"kw": {"type": "keyword", "ignore_above": 256}}}
    props = {
        "title": text, "names": text, "body": {"type": "text", "analyzer": "standard"},
        "title_seg": {"type": "text", "analyzer": "whitespace"},
        "names_seg": {"type": "text", "analyzer": "whitespace"},
        "body_seg": {"type": "text", "analyzer": "whitespace"},
        "grams": {"type": "text", "analyzer": "whitespace"},
        # [title, names, body], one token per character: exact phrases; values never join in a phrase
        # (position_increment_gap). Matching only: no norms, not kept in _source.
        "chars": {"type": "text", "analyzer": "whitespace", "norms": False, "index_options": "positions"},
        "year": {"type": "integer"}, "amount_fen": {"type": "long"}, "date": {"type": "date"},
        "title_norm": {"type": "keyword", "ignore_above": 512},
        "norm": {"type": "keyword", "index": False, "doc_values": False},  # for highlighting only
        "prior": {"type": "integer"},
    }
    props.update({field: {"type": "keyword"} for field in KEYWORD_FIELDS})
    if dims:
        # Float HNSW: Elasticsearch 8.14+ quantises float vectors to int8 by default (int8_hnsw), which on the
        # demo changed the first five neighbours of one query in five against the embedded backend's exact
        # cosine; unquantised, the top 20 agreed on 40 of 40 queries. 4 bytes a dimension instead of 1.
        props["vector"] = {"type": "dense_vector", "dims": dims, "index": True, "similarity": "cosine",
                           "index_options": {"type": "hnsw", "m": 16, "ef_construction": 100}}
    return {"_meta": meta, "_source": {"excludes": ["chars", "grams"]}, "properties": props}


def char_tokens(text):
    """One whitespace-separated token per character; a white-space character becomes a named token
    (a space in a phrase must meet the same space in the text, as in a substring test)."""
    return " ".join(f"\u2423{ord(ch):x}" if ch.isspace() else ch for ch in text)


NAMES_MAPPINGS = {"properties": {"name": {"type": "keyword"}, "norm": {"type": "keyword"},
                                 "kind": {"type": "keyword"}, "weight": {"type": "integer"},
                                 "pinyin": {"type": "keyword"}, "initials": {"type": "keyword"}}}


class ElasticsearchBackend:
    name = "elasticsearch"
    embed_query = None

    def __init__(self, url, alias="mingzhang", config=None):
        if not url:
            raise ValueError("SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL, e.g. http://localhost:9200")
        from elasticsearch import Elasticsearch

        # Short timeouts and one retry: a dead server must not hold a page request (building
        # passes its own long timeouts to the bulk calls).
        timeout = float((config or {}).get("ELASTICSEARCH_TIMEOUT") or 2)
        self.es = Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False)
        self.alias = alias
        self.names_alias = f"{alias}-names"
        self.config = config or {}
        self._segmenters = {}
        self._meta_cache = (None, {})  # (concrete index, its _meta): re-read when the alias moves

    # ---- building -------------------------------------------------------------------

    def build(self, docs, *, publication_id=None, dictionary=(), vectors=None, vector_ids=None, semantic_off=None):
        from elasticsearch import helpers

        started = time.perf_counter()
        es = self.es.options(request_timeout=120)  # bulk loads and refreshes take long
        docs = list(docs)
        segmenter = Segmenter(dictionary)
        version = time.strftime("%Y%m%d%H%M%S") + f"{int(time.time() * 1000) % 1000:03d}"
        index, names_index = f"{self.alias}-v{version}", f"{self.names_alias}-v{version}"
        vector_by_id = dict(zip(vector_ids or [], vectors if vectors is not None else []))
        dims = len(next(iter(vector_by_id.values()))) if vector_by_id else None
        meta = {"publication_id": publication_id, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "doc_count": len(docs), "dictionary": json.dumps(list(segmenter.words), ensure_ascii=False)}
        if semantic_off:
            meta["semantic_off"] = semantic_off  # too many documents to embed: keyword-only, and results say so
        es.indices.create(index=index, settings={**index_settings(), "refresh_interval": "-1"},
                               mappings=index_mappings(meta, dims))
        es.indices.create(index=names_index, settings={"number_of_shards": 1}, mappings=NAMES_MAPPINGS)
        dictionary_norm = {normalize(w): w for w in segmenter.words}
        dictionary_df = defaultdict(int)  # how many documents contain each dictionary word
        try:
            def actions():
                for prior, doc in enumerate(docs):
                    source = {key: doc.get(key) for key in ("id", "type", "title", "names", "body", "year",
                                                            "region_code", "region", "class_code", "class_name",
                                                            "status", "amount_fen", "date", "url", "code",
                                                            "township_code", "township")}
                    for field in ("title", "names", "body"):
                        source[f"{field}_seg"] = doc.get(f"{field}_seg") or segmenter.index_text(doc[field])
                    tokens = {t for f in ("title", "names", "body") for t in source[f"{f}_seg"].split()}
                    for token in tokens & dictionary_norm.keys():
                        dictionary_df[token] += 1
                    parts = (doc.get("title_norm") or normalize_aligned(doc["title"]), normalize_aligned(doc["names"]),
                             normalize_aligned(doc["body"]))
                    source["title_norm"] = parts[0]
                    source["norm"] = doc.get("norm") or "\n".join(parts)
                    source["grams"] = bigrams(parts[0], doc["names"])
                    source["chars"] = [char_tokens(part) for part in parts]
                    source["prior"] = prior
                    if doc["id"] in vector_by_id:
                        source["vector"] = [float(x) for x in vector_by_id[doc["id"]]]
                    yield {"_index": index, "_id": doc["id"], "_source": source}

            helpers.bulk(es, actions(), chunk_size=2000)
            names = build_names(docs)
            known = {n["norm"] for n in names}
            for norm, count in dictionary_df.items():
                if norm not in known:
                    full, initials = pinyin_keys(dictionary_norm[norm])
                    names.append({"name": dictionary_norm[norm], "norm": norm, "kind": "词语", "weight": count,
                                  "pinyin": full, "initials": initials})
            helpers.bulk(es, ({"_index": names_index, "_id": n["name"], "_source": n} for n in names),
                         chunk_size=5000)
            es.indices.put_settings(index=index, settings={"refresh_interval": "1s"})
            es.indices.refresh(index=[index, names_index])
        except BaseException:
            es.indices.delete(index=[index, names_index], ignore_unavailable=True)
            raise
        old = self._alias_targets(self.alias) + self._alias_targets(self.names_alias)
        actions = [{"remove": {"index": i, "alias": a}} for a in (self.alias, self.names_alias)
                   for i in self._alias_targets(a)]
        actions += [{"add": {"index": index, "alias": self.alias}},
                    {"add": {"index": names_index, "alias": self.names_alias}}]
        es.indices.update_aliases(actions=actions)
        if old:
            es.indices.delete(index=old, ignore_unavailable=True)
        return {"documents": len(docs), "index": index, "seconds": round(time.perf_counter() - started, 2)}

    def _alias_targets(self, alias):
        from elasticsearch import NotFoundError

        try:
            return sorted(self.es.indices.get_alias(name=alias).keys())
        except NotFoundError:
            return []

    def drop_all(self):
        targets = self._alias_targets(self.alias) + self._alias_targets(self.names_alias)
        if targets:
            self.es.indices.delete(index=targets, ignore_unavailable=True)

    # ---- reading --------------------------------------------------------------------

    def exists(self):
        return bool(self._alias_targets(self.alias))

    def _meta(self):
        """(concrete index behind the alias, its _meta), or (None, {}). One small request per call;
        the mapping is read again only when a re-index has moved the alias."""
        from elasticsearch import NotFoundError

        targets = self._alias_targets(self.alias)
        if not targets:
            return None, {}
        cached = self._meta_cache
        if cached[0] == targets[0]:
            return cached
        try:
            mapping = self.es.indices.get_mapping(index=targets[0])
        except NotFoundError:  # a re-index deleted it after the alias moved: ask the alias itself
            try:
                mapping = self.es.indices.get_mapping(index=self.alias)
            except NotFoundError:
                return None, {}
        index = sorted(mapping)[0]
        self._meta_cache = (index, mapping[index]["mappings"].get("_meta", {}))
        return self._meta_cache

    def segmenter(self, current=None):
        """The index's jieba segmenter, kept per user dictionary (a re-index with the same words reuses it)."""
        _, meta = current or self._meta()
        key = meta.get("dictionary") or "[]"
        segmenter = self._segmenters.get(key)
        if segmenter is None:  # a local: another thread may replace the cache meanwhile
            segmenter = Segmenter(json.loads(key))
            self._segmenters = {key: segmenter}
        return segmenter

    def info(self):
        index, meta = self._meta()
        return {"backend": self.name, "exists": bool(index), "index": index,
                **{k: v for k, v in meta.items() if k != "dictionary"}}

    def all_documents(self):
        from elasticsearch import helpers

        if not self.exists():
            return
        for hit in helpers.scan(self.es, index=self.alias, query={"query": {"match_all": {}}},
                                _source_excludes=["*_seg", "vector", "title_norm", "prior", "norm"], preserve_order=False):
            yield hit["_source"]

    def _query(self, parsed, filters):
        must = []
        for word, subs in parsed.words:
            options = [{"combined_fields": {"query": word, "fields": WORD_FIELDS}}]
            if subs:
                options.append({"bool": {"must": [{"combined_fields": {"query": s, "fields": SUB_FIELDS}}
                                                  for s in subs]}})
            grams = bigrams(word)
            # Recall: the word as contiguous text of a title or name, whatever jieba made of it in context
            # (a two-character word is its own bigram: the plain term above already matches it).
            if len(word) >= 2 and grams and grams != word:
                options.append({"match_phrase": {"grams": {"query": grams, "boost": 0.5}}})
            must.append({"bool": {"should": options, "minimum_should_match": 1}})
        for phrase in parsed.phrases:
            must.append({"match_phrase": {"chars": char_tokens(phrase)}})
        should = []
        if parsed.words:
            whole = "".join(w for w, _ in parsed.words)
            # Tiers, as in the embedded ranking: the exact title, then titles containing the query, then BM25
            # (which stays far below 10,000 for any query of at most 32 words).
            should = [{"constant_score": {"filter": {"term": {"title_norm": whole}}, "boost": 100_000}},
                      {"wildcard": {"title_norm": {"value": f"*{whole}*", "boost": 10_000}}}]
        return {"bool": {"must": must or [{"match_all": {}}], "should": should,
                         "filter": self._filters(filters)}}

    @staticmethod
    def _filters(filters):
        clauses = []
        for facet, values in (filters or {}).items():
            field = FACET_FIELDS[facet][0]
            clauses.append({"terms": {field: [int(v) if field == "year" else v for v in values]}})
        return clauses

    def count(self, text, filters=None, cap=None):
        current = self._meta()
        if not current[0]:
            return 0
        parsed = parse_query(text, self.segmenter(current))
        if parsed.empty:
            return 0
        return self.es.count(index=self.alias, query=self._query(parsed, filters))["count"]

    def search(self, request=None, *, embed_query=None, **kwargs):
        started = time.perf_counter()
        if not isinstance(request, SearchRequest):
            request = SearchRequest(q=request or kwargs.pop("q", ""), **kwargs)
        current = self._meta()
        if not current[0]:
            return empty_result(request, ["搜索索引尚未建立：发布数据后会自动建立"])
        parsed = parse_query(request.q, self.segmenter(current))
        if parsed.empty and not request.filters:
            return empty_result(request, parsed.notices)
        sort = {"relevance": ["_score", {"prior": "asc"}] if not parsed.empty else [{"prior": "asc"}],
                "amount": [{"amount_fen": {"order": "desc", "missing": "_last"}}, {"prior": "asc"}],
                "date": [{"date": {"order": "desc", "missing": "_last"}}, {"prior": "asc"}]}[request.sort]
        aggs = {}
        for facet, (field, label_field) in FACET_FIELDS.items():
            aggs[facet] = {"terms": {"field": field, "size": 50}}
            if label_field != field:
                aggs[facet]["aggs"] = {"label": {"terms": {"field": label_field, "size": 1}}}
        embed_query = embed_query or self.embed_query
        off_reason = current[1].get("semantic_off")
        fuse = (embed_query is not None and not off_reason and request.sort == "relevance" and parsed.words
                and not parsed.phrases
                and (request.hybrid if request.hybrid is not None else hybrid_enabled(self.config)))
        size, offset = request.size, request.offset
        if fuse:
            size, offset = max(100, request.offset + request.size), 0
        response = self.es.search(index=self.alias, query=self._query(parsed, request.filters), aggs=aggs,
                                  sort=sort, size=size, from_=offset, track_total_hits=TRACK_TOTAL,
                                  source_excludes=["*_seg", "vector", "title_norm"])
        hits = [(h["_id"], h.get("_score"), "keyword", h["_source"]) for h in response["hits"]["hits"]]
        total = response["hits"]["total"]["value"]
        added = 0
        if fuse:
            hits, added = self._fuse(hits, parsed, request, embed_query)
            hits = hits[request.offset: request.offset + request.size]
        result = empty_result(request, parsed.notices)
        result.update({
            "total": total + added, "total_exact": response["hits"]["total"]["relation"] == "eq",
            "pages": -(-min(total + added, MAX_RESULT_WINDOW) // request.size),
            "results": [result_item(src, parsed.terms, score, how) for _, score, how, src in hits],
            "facets": self._facets(response["aggregations"], request.filters),
            "semantic": {"requested": bool(request.hybrid), "used": bool(fuse), "added": added,
                         "off_reason": off_reason},
        })
        if not result["total"] and not parsed.empty:
            result["suggestions"] = suggestions(self, parsed, request.filters)
        result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return result

    def _fuse(self, hits, parsed, request, embed_query, k=60):
        vector = embed_query(parsed.normalized)
        if vector is None:
            return hits, 0
        knn = {"field": "vector", "query_vector": [float(x) for x in vector], "k": 20, "num_candidates": 100}
        filters = self._filters(request.filters)
        if filters:
            knn["filter"] = filters
        dense = self.es.search(index=self.alias, knn=knn, size=20, source_excludes=["*_seg", "vector", "title_norm"])
        scores, entry = defaultdict(float), {}
        for rank, hit in enumerate(hits):
            scores[hit[0]] += 1 / (k + rank + 1)
            entry[hit[0]] = hit
        added = 0
        for rank, h in enumerate(dense["hits"]["hits"]):
            scores[h["_id"]] += 1 / (k + rank + 1)
            if h["_id"] in entry:
                entry[h["_id"]] = (*entry[h["_id"]][:2], "both", entry[h["_id"]][3])
            else:
                entry[h["_id"]] = (h["_id"], h.get("_score"), "semantic", h["_source"])
                added += 1
        ordered = sorted(scores, key=lambda i: -scores[i])
        return [(i, scores[i], entry[i][2], entry[i][3]) for i in ordered], added

    @staticmethod
    def _facets(aggregations, filters):
        facets = {}
        for facet in FACETS:
            selected = set((filters or {}).get(facet, []))
            items = []
            for bucket in aggregations[facet]["buckets"]:
                value = str(bucket["key"])
                if value == "":
                    continue
                labels = bucket.get("label", {}).get("buckets", [])
                label = labels[0]["key"] if labels else value
                items.append({"value": value, "label": facet_label(facet, value, label),
                              "count": bucket["doc_count"], "selected": value in selected})
            if facet == "year":
                items.sort(key=lambda i: i["value"], reverse=True)
            facets[facet] = items
        return facets

    # ---- autocomplete and suggestions ------------------------------------------------

    def suggest(self, prefix, limit=10):
        prefix = normalize((prefix or "").strip())[:50]
        if not prefix or not self._alias_targets(self.names_alias):
            return []
        if is_latin(prefix):
            key = prefix.replace(" ", "").replace("'", "")
            query = {"bool": {"should": [{"prefix": {"pinyin": key}}, {"prefix": {"initials": key}}],
                              "minimum_should_match": 1}}
        else:
            query = {"prefix": {"norm": prefix}}
        response = self.es.search(index=self.names_alias, query=query, size=limit,
                                  sort=[{"weight": "desc"}, {"name": "asc"}])
        return [{"text": h["_source"]["name"], "kind": h["_source"]["kind"], "count": h["_source"]["weight"]}
                for h in response["hits"]["hits"]]

    def names_by_pinyin(self, key, prefix=False):
        query = ({"bool": {"should": [{"prefix": {"pinyin": key}}, {"term": {"initials": key}}]}}
                 if prefix else {"term": {"pinyin": key}})
        response = self.es.search(index=self.names_alias, query=query, size=10, sort=[{"weight": "desc"}])
        return [h["_source"]["name"] for h in response["hits"]["hits"]]

    def names_near(self, norm):
        query = {"bool": {"should": [{"prefix": {"norm": norm[:1]}}, {"wildcard": {"norm": f"*{norm[-1:]}"}}]}}
        response = self.es.search(index=self.names_alias, query=query, size=200, sort=[{"weight": "desc"}])
        return [h["_source"]["name"] for h in response["hits"]["hits"]
                if abs(len(h["_source"]["norm"]) - len(norm)) <= 1]
