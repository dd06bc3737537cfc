"""Precision audit of de-identification on real text: what changed in text that named nobody.

``python -m portal.privacy.audit --raw DIR [--db sqlite:///instance/mingzhang.db] [--samples 15]``

Reads the raw import files, de-identifies them exactly as the importer does (or, with ``--db``,
reads what the newest publication in that database actually holds), diffs raw against published
text field by field, and sorts every changed span:

  private          the span overlaps a private person's data: a value of the raw PII columns or a
                   natural person's name from the payee/contractor columns, a validated identifier
                   or address detail, or a name introduced by a person cue (「村民」「联系人：」) or
                   followed by a parenthesis that gives the person's ID, phone or address
  fp:official      a public official named in role (「局长杨红荣」), kept by policy
  fp:name_field    false positive in a name or title field (region, department, class, project,
                   company, document title)
  fp:public_name   false positive inside or across a public name occurring in prose
  fp:prose         any other false positive
"""
import argparse
import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from anonymize import policy
from anonymize.address import find_addresses
from anonymize.lexicon import FISCAL_TERMS, PublicTerms, public_terms_from_tables
from anonymize.names import OFFICIAL_TITLES, PERSON_CUES
from anonymize.recognizers import find_identifiers

# (table, field) pairs of published text, and which of them are names / titles.
AUDITED = {
    "regions": ("name",), "departments": ("name",), "func_classes": ("name",),
    "projects": ("name", "description", "location", "contractor"), "project_updates": ("note",),
    "payments": ("purpose", "payee"), "documents": ("title", "body"),
}
NAME_FIELDS = {("regions", "name"), ("departments", "name"), ("func_classes", "name"), ("projects", "name"),
               ("projects", "contractor"), ("payments", "payee"), ("documents", "title")}
_KEYS = {"regions": ("code",), "departments": ("code",), "func_classes": ("code",), "projects": ("code",),
         "project_updates": ("project_code", "date", "progress_pct"), "payments": ("id",), "documents": ("slug",)}
_CUE_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, PERSON_CUES + ("群众", "被征收户")), key=len, reverse=True))
                     + r")[:：\s]*$")
_TITLE_BEFORE = re.compile("(?:" + "|".join(sorted(OFFICIAL_TITLES, key=len, reverse=True)) + ")$")
_ATTACHED_RE = re.compile(r"^[\u4e00-\u9fff]{0,2}\s*[（(]([^）)]{0,60})|^[\u4e00-\u9fff]{0,2}\s*[:：]?\s*\d")


@dataclass
class Change:
    table: str
    field: str
    raw: str  # the raw text span that changed
    new: str  # what replaced it
    context: str  # 「…before[raw→new]after…」
    verdict: str  # private / fp:name_field / fp:public_name / fp:prose


@dataclass
class AuditResult:
    texts: int = 0
    changed_texts: int = 0
    changes: list = field(default_factory=list)

    def counts(self):
        return Counter(c.verdict for c in self.changes)

    def false_positives(self):
        return [c for c in self.changes if c.verdict.startswith("fp:")]


class PrivateValues:
    """What counts as a private person's data in the raw tables."""

    def __init__(self, tables):
        from ledger.importer.layout import LAYOUTS

        values, names = set(), set()
        for name, rows in tables.items():
            pii = [c.key for c in LAYOUTS[name].columns if c.pii]
            for _f, _n, row in rows:
                values.update(str(row[k]) for k in pii if row.get(k) not in (None, ""))
                if row.get("payee_type") == policy.PERSON_TYPE_VALUE:
                    names.add(row["payee"])
                if row.get("contractor_type") == policy.PERSON_TYPE_VALUE and row.get("contractor"):
                    names.add(row["contractor"])
        for value in list(values):
            values.update(s.value for s in find_addresses(value))
        self.values = PublicTerms(values)
        self.names = PublicTerms(names)

    def spans(self, text, public_spans):
        spans = self.values.spans(text)
        for start, end in self.names.spans(text):
            # Not that person: a public official in role (「局长杨红荣」), or letters read across a
            # public name (「位于桂岭县」 holds the payee name 「于桂」).
            if _TITLE_BEFORE.search(text[max(0, start - 8):start]) or _cuts(start, end, public_spans):
                continue
            spans.append((start, end))
        spans += [(s.start, s.end) for _p, s in find_identifiers(text)]
        spans += [(s.start, s.end) for s in find_addresses(text)]
        return spans


def _cuts(start, end, spans):
    return any(start < s < end < e or s < start < e < end for s, e in spans)


def _overlaps(start, end, spans):
    return any(s < end and start < e for s, e in spans)


def _person_in_context(text, start, end):
    """A name the text itself presents as a private person's."""
    if _CUE_RE.search(text[max(0, start - 8):start]) or _CUE_RE.search(text[max(0, start - 9):start - 1]):
        return True  # 「村民王建国」, 「联系人：向兰」 (also when the surname stayed: 「居民汪[明]」)
    m = _ATTACHED_RE.match(text[end:end + 70])
    return bool(m and (m.group(1) is None or re.search(r"身份证|电话|手机|银行|卡号|住|\d{7,}", m.group(1))))


def diff_spans(raw, published):
    """(start, end, replacement) of every changed part of ``raw``."""
    matcher = difflib.SequenceMatcher(None, raw, published, autojunk=False)
    return [(i1, i2, published[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def published_rows_in_process(tables, key="audit-key"):
    """De-identify exactly as ledger.importer.publish does; {table: [published row]} in raw order."""
    from anonymize import Deidentifier
    from ledger.importer.publish import known_person_names, to_published_rows

    deid = Deidentifier(key, known_person_names(tables), public_terms=public_terms_from_tables(tables))
    return to_published_rows(tables, deid)


def published_rows_from_db(tables, url):
    """The newest publication's rows, aligned to the raw rows by key."""
    from sqlalchemy import select

    from ledger import schema
    from ledger.db import current_publication, make_engine

    engine = make_engine(url)
    out = {}
    with engine.connect() as conn:
        pub = current_publication(conn)
        for name in AUDITED:
            table = getattr(schema, name)
            by_key = defaultdict(list)
            for row in conn.execute(select(table).where(table.c.publication_id == pub["id"])).mappings():
                by_key[tuple(str(row[k]) for k in _KEYS[name])].append(dict(row))
            rows = []
            for _f, _n, raw in tables.get(name, []):
                matches = by_key.get(tuple(str(raw.get(k)) for k in _KEYS[name]))
                rows.append(matches.pop(0) if matches else None)
            out[name] = rows
    engine.dispose()
    return out


def audit(tables, published):
    """Classify every change between raw and published text."""
    private = PrivateValues(tables)
    terms = public_terms_from_tables(tables)
    public = PublicTerms(list(FISCAL_TERMS) + terms["names"] + terms["project_names"])
    result = AuditResult()
    for name, fields in AUDITED.items():
        for (_f, _n, raw), pub in zip(tables.get(name, []), published.get(name, [])):
            if pub is None:
                continue
            for key in fields:
                before, after = raw.get(key), pub.get(key)
                if not isinstance(before, str) or not before:
                    continue
                if key in ("payee", "contractor") and raw.get(f"{key}_type") == policy.PERSON_TYPE_VALUE:
                    continue  # a natural person's name field: pseudonymised by design
                result.texts += 1
                if before == after:
                    continue
                result.changed_texts += 1
                public_spans = public.spans(before)
                private_spans = private.spans(before, public_spans)
                for start, end, new in diff_spans(before, after or ""):
                    if _overlaps(start, max(end, start + 1), private_spans) or _person_in_context(before, start, end):
                        verdict = "private"
                    elif any(_TITLE_BEFORE.search(before[max(0, start - 8 - k):start - k]) for k in (0, 1, 2)):
                        verdict = "fp:official"
                    elif (name, key) in NAME_FIELDS:
                        verdict = "fp:name_field"
                    else:
                        verdict = "fp:public_name" if _overlaps(start, max(end, start + 1), public_spans) else "fp:prose"
                    context = f"{before[max(0, start - 10):start]}[{before[start:end]}→{new}]{before[end:end + 10]}"
                    result.changes.append(Change(name, key, before[start:end], new, context, verdict))
    return result


def summary(result, samples=15):
    lines = [f"audited texts: {result.texts}; changed: {result.changed_texts}; changed spans: {len(result.changes)}"]
    for verdict, n in sorted(result.counts().items()):
        lines.append(f"  {verdict:<16} {n:>6}")
    by_field = Counter((c.verdict, c.table, c.field) for c in result.changes)
    lines.append("by field:")
    for (verdict, table, key), n in sorted(by_field.items()):
        lines.append(f"  {verdict:<16} {table}.{key:<12} {n:>6}")
    fps = result.false_positives()
    lines.append(f"false positives: {len(fps)}" + (" — samples:" if fps else ""))
    for (verdict, table, key, context), n in Counter((c.verdict, c.table, c.field, c.context) for c in fps).most_common(samples):
        lines.append(f"  {n:>4}× {verdict} {table}.{key}: {context}")
    private = [c for c in result.changes if c.verdict == "private"]
    if private:
        lines.append("private (expected) — samples:")
        for context, n in Counter(c.context for c in private).most_common(min(samples, 5)):
            lines.append(f"  {n:>4}× {context}")
    return "\n".join(lines)


def run(raw_paths, db=None):
    from ledger.importer.publish import read_sources

    tables, _manifest = read_sources(raw_paths)
    published = published_rows_from_db(tables, db) if db else published_rows_in_process(tables)
    return audit(tables, published)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m portal.privacy.audit", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", action="append", required=True, help="raw import directory or file (repeatable)")
    parser.add_argument("--db", help="compare with the newest publication in this database (URL or SQLite path)")
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args(argv)
    db = args.db
    if db and "://" not in db:
        db = f"sqlite:///{db}"
    result = run(args.raw, db)
    print(summary(result, args.samples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
