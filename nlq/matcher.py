"""Unknown words → the nearest class names by meaning (e5 sentence embeddings, ledger/embedding.py)."""


def embedding_matcher(config, lexicon, threshold=0.88):
    """A matcher for the slots stage, or None when embeddings are off (NLQ_EMBEDDINGS). The model loads on
    first use; the lexicon's class names are encoded once per lexicon."""
    if not (config or {}).get("NLQ_EMBEDDINGS", True):
        return None

    def match(words):
        from ledger.embedding import get_model

        model = get_model(config)
        candidates = lexicon.class_candidates()
        vectors = _class_vectors(model, lexicon, candidates)
        query_vec = model.encode([" ".join(words)], prompt_name="query", normalize_embeddings=True)[0]
        scores = vectors @ query_vec
        best = {}
        for (surface, entry), score in zip(candidates, scores):
            if score > best.get(entry, (0, None))[0]:
                best[entry] = (float(score), surface)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        if not ranked or ranked[0][1][0] < threshold:
            return []
        # the best match answers if it wins by a margin (nlq/slots.py); the others become 「您是不是想问」
        return [(entry, score) for entry, (score, _s) in ranked[:6]]

    return match


def _class_vectors(model, lexicon, candidates):
    key = ("_emb", id(lexicon))
    cache = getattr(lexicon, "_embedding_cache", None)
    if cache is None or cache[0] != key:
        vectors = model.encode([c[0] for c in candidates], prompt_name="query", normalize_embeddings=True)
        cache = (key, vectors)
        lexicon._embedding_cache = cache
    return cache[1]
