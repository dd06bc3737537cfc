"""「您是不是要找」: alternatives for a query that found nothing.

Three sources, each checked against the index so a suggestion never leads to zero results:
a name with the same pinyin (homophone typo, or pinyin typed instead of characters),
a name one character away (spelling), and a broader query (fewer words).
"""
from .names import edit_distance_at_most_one, is_latin, pinyin_keys

MAX_SUGGESTIONS = 3


def suggestions(backend, parsed, filters):
    query = parsed.normalized.replace(" ", "") if not is_latin(parsed.normalized) else parsed.normalized
    if not query:
        return []
    seen, out = {query}, []

    def offer(text, reason):
        if text and text not in seen and len(out) < MAX_SUGGESTIONS:
            seen.add(text)
            count = backend.count(text, filters)
            if count:
                out.append({"q": text, "reason": reason, "count": count})

    if is_latin(query):
        compact = query.replace(" ", "").replace("'", "")
        for name in backend.names_by_pinyin(compact, prefix=True)[:5]:
            offer(name, "拼音")
    else:
        full, _ = pinyin_keys(query)
        for name in backend.names_by_pinyin(full, prefix=False)[:5]:
            offer(name, "同音")
        for name in backend.names_near(query):
            if edit_distance_at_most_one(query, name):
                offer(name, "拼写相近")
        # A name that contains the query with one character changed (e.g. a typo inside a long name).
        words = [w for w, _ in parsed.words]
        if len(words) > 1:
            best = None
            for i in range(len(words)):
                broader = " ".join(words[:i] + words[i + 1:])
                count = backend.count(broader, filters)
                if count and (best is None or count > best[1]):
                    best = (broader, count)
            if best:
                offer(best[0], "扩大范围")
        elif words and len(words[0]) >= 3:
            subs = [s for s in parsed.words[0][1] if len(s) >= 2]
            for sub in subs[:3]:
                offer(sub, "扩大范围")
    if not out and filters:
        count = backend.count(parsed.raw, {})
        if count:
            out.append({"q": parsed.raw, "reason": "去掉筛选条件", "count": count, "clear_filters": True})
    return out
