"""bm25 over a bounded candidate set, with document frequencies read from the index.

FTS5's own bm25() first counts, for every phrase of the query, the documents containing it
anywhere in the table (a scan of the whole posting list): about 60 ms for a word in most of
a million documents, per phrase, per query, however few rows are then ranked. Here the same
formula (FTS5's: weighted term frequency summed over columns, whole-document length, k1 = 1.2,
b = 0.75, idf = ln((N - df + 0.5) / (df + 0.5)) floored at 1e-6) is applied to the candidates
only, with df from the index's materialised ``vocab`` table.

Differences from FTS5's bm25, on purpose and small: a term's frequency is its number of
occurrences in the normalised text of the column (what the user sees as the word), not its
number of jieba tokens; lengths are in characters, not tokens (the average is in characters
too, so the normalisation is the same up to a constant). A word that is not an indexed token
(it matched as contiguous text through the bigram column) takes the df of its rarest bigram.
"""
import math
import re

K1, B = 1.2, 0.75
TITLE_W, NAMES_W, BODY_W, GRAMS_W = 10.0, 4.0, 1.0, 2.0  # as the fts column weights
_LATIN = re.compile(r"[0-9a-z ]+")


def idf(doc_count, df):
    value = math.log((doc_count - df + 0.5) / (df + 0.5))
    return value if value > 1e-6 else 1e-6


def query_phrases(parsed, idf_of):
    """[(text, idf, also counted in the bigram column)] for every phrase FTS5 would score."""
    phrases = []
    for word, subs in parsed.words:
        phrases.append((word, idf_of(word), len(word) >= 2 and not word.isascii()))
        phrases.extend((sub, idf_of(sub), False) for sub in subs)
    return phrases


def _counter(text):
    if _LATIN.fullmatch(text):  # Latin words and numbers: whole tokens only (ab ≠ abc)
        pattern = re.compile(r"(?<![0-9a-z])" + re.escape(text) + r"(?![0-9a-z])")
        return lambda column: len(pattern.findall(column))
    return lambda column: column.count(text)


def score_rows(rows, phrases, avg_chars):
    """{rowid: score} for rows of (rowid, title_norm, names_norm, body_norm)."""
    counters = [(_counter(text), weight, grams) for text, weight, grams in phrases if text]
    scores = {}
    for rowid, title, names, body in rows:
        norm_len = (len(title) + len(names) + len(body) + 2) / avg_chars
        d = K1 * (1 - B + B * norm_len)
        total = 0.0
        for count, weight, grams in counters:
            in_title, in_names = count(title), count(names)
            f = TITLE_W * in_title + NAMES_W * in_names + BODY_W * count(body)
            if grams:
                f += GRAMS_W * (in_title + in_names)
            if f:
                total += weight * f * (K1 + 1) / (f + d)
        scores[rowid] = total
    return scores
