"""Leak scanner: looks for private-person data in everything the portal publishes.

Two kinds of finding:
  detector  an identifier the importer's own detectors find (anonymize: validated numbers in any
            written form, e-mail, plates, addresses; person names too in free-text columns of the
            database); what de-identification keeps on purpose (officials in role, public offices'
            lines) is not a finding
  canary    an exact PII value present in the raw input files (names of natural persons, ID
            numbers, phones, bank cards, address details) that shows up anywhere published
"""
import csv
import io
import json
import re
import sqlite3
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from sqlalchemy import select

from anonymize import policy
from anonymize.address import find_addresses
from anonymize.deidentify import Deidentifier, private_identifiers
from anonymize.names import is_name_occurrence
from anonymize.numbers import digit_view

_DIGIT_RUN = re.compile(r"\d(?: {0,3}[\dX])*")  # on anonymize.numbers.digit_view: any written form
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


@dataclass(frozen=True)
class Finding:
    location: str
    kind: str  # "detector:<type>" or "canary:<column>"
    value: str
    context: str

    def __str__(self):
        return f"{self.location}\t{self.kind}\t{self.value}\t…{self.context}…"


class Canaries:
    """Exact raw PII values, matched without a giant regex: digit runs and Han substrings by set lookup."""

    def __init__(self):
        self.numbers = {}  # normalised digits -> column
        self.names = {}  # name -> column
        self.addresses = {}  # sub-street address detail -> column
        self._added = set()

    @classmethod
    def from_raw(cls, paths):
        from ledger.importer.layout import LAYOUTS
        from ledger.importer.publish import read_sources

        tables, _manifest = read_sources(paths)
        canaries = cls()
        for name, rows in tables.items():
            pii = [c.key for c in LAYOUTS[name].columns if c.pii]
            for _f, _n, row in rows:
                for key in pii:
                    canaries.add(row.get(key), f"{name}.{key}")
                if row.get("payee_type") == policy.PERSON_TYPE_VALUE:
                    canaries.add_name(row.get("payee"), f"{name}.payee")
                if row.get("contractor_type") == policy.PERSON_TYPE_VALUE:
                    canaries.add_name(row.get("contractor"), f"{name}.contractor")
        return canaries

    def add(self, value, column):
        if value in (None, ""):
            return
        value = str(value)
        if value in self._added:  # raw tables repeat their payees, phones and addresses
            return
        self._added.add(value)
        digits = re.sub(r"[\s-]", "", value)
        if re.fullmatch(r"\+?\d{7,}[\dXx]?", digits):
            self.numbers[digits.lstrip("+").upper()] = column
        addresses = find_addresses(value)
        for span in addresses:
            self.addresses[span.value] = column
        if not digits.isdigit() and not addresses:
            self.add_name(value, column)

    def add_name(self, value, column):
        if value and len(value) >= 2:
            self.names[value] = column

    def _heads(self, values, cache):
        """{first two characters: [values]} of ``values`` (None: those shorter), rebuilt when it grows."""
        if getattr(self, f"_{cache}_for", None) != len(values):
            heads = {}
            for value in values:
                heads.setdefault(value[:2] if len(value) >= 2 else None, []).append(value)
            setattr(self, f"_{cache}", heads)
            setattr(self, f"_{cache}_for", len(values))
        return getattr(self, f"_{cache}")

    def _name_sizes(self):
        """{first two characters: the lengths of the names that begin with them, shortest first}."""
        if getattr(self, "_sizes_for", None) != len(self.names):
            heads = self._heads(self.names, "name_heads")
            self._sizes = {head: sorted({len(name) for name in names}) for head, names in heads.items()}
            self._short_sizes = self._sizes.pop(None, [])  # none when added by add_name
            self._sizes_for = len(self.names)
        return self._sizes

    def __len__(self):
        return len(self.numbers) + len(self.names) + len(self.addresses)

    def _holds_an_address(self, text):
        """Whether some address canary occurs in ``text``: a span find_addresses reports is a slice of the text
        (``text[start:end]``), so without one the (costly) address parse cannot match a canary."""
        heads = self._heads(self.addresses, "address_heads")
        if None in heads:
            return True
        return any(text.startswith(value, i) for i in range(len(text) - 1) for value in heads.get(text[i:i + 2], ()))

    def find(self, text):
        hits = []
        for m in _DIGIT_RUN.finditer(digit_view(text)):
            digits = m.group(0).replace(" ", "")
            if len(digits) < 7:
                continue
            for candidate in {digits, digits[-11:]}:
                if candidate in self.numbers:
                    hits.append((self.numbers[candidate], candidate, m.start()))
        if self.names or self.addresses:
            # Only the lengths of the names that begin with a place's first two characters are tried there.
            sizes = self._name_sizes()
            for m in _HAN_RUN.finditer(text):
                run = m.group(0)
                for i in range(len(run)):
                    for size in [*self._short_sizes, *sizes.get(run[i:i + 2], ())]:
                        if i + size > len(run):
                            break
                        piece = run[i:i + size]
                        if piece in self.names and is_name_occurrence(text, m.start() + i, m.start() + i + size):
                            hits.append((self.names[piece], piece, m.start() + i))
            if self.addresses and self._holds_an_address(text):
                for span in find_addresses(text):
                    if span.value in self.addresses:
                        hits.append((self.addresses[span.value], span.value, span.start))
        return hits


class Scanner:
    # Published tables repeat the same short values (a purpose, a department, a pseudonym) in thousands
    # of rows: what a text holds is worked out once per distinct text, then reported at every location.
    MEMO_MAX_TEXT, MEMO_MAX_ENTRIES = 400, 400_000

    def __init__(self, canaries=None):
        self.canaries = canaries or Canaries()
        self.deid = Deidentifier("leak-scanner")
        self.findings = []
        self.scanned = {}
        self._memo = {}

    def _count(self, where):
        self.scanned[where] = self.scanned.get(where, 0) + 1

    def scan_text(self, text, location, free_text=False):
        """``free_text``: run person-name detection too (only for columns meant to hold prose)."""
        if not text or not isinstance(text, str):
            return
        for kind, value, pos in self._hits(text, free_text):
            self._add(location, kind, value, text, pos)

    def _hits(self, text, free_text):
        key = (text, free_text)
        hits = self._memo.get(key)
        if hits is None:
            spans = self.deid.findings(text) if free_text else private_identifiers(text)
            hits = [(f"detector:{span.kind}", span.value, span.start) for span in spans]
            hits += [(f"canary:{column}", value, pos) for column, value, pos in self.canaries.find(text)]
            if len(text) <= self.MEMO_MAX_TEXT and len(self._memo) < self.MEMO_MAX_ENTRIES:
                self._memo[key] = hits
        return hits

    def _add(self, location, kind, value, text, pos):
        context = text[max(0, pos - 20):pos + len(value) + 20].replace("\n", " ")
        self.findings.append(Finding(location, kind, value, context))

    # -- the published database ---------------------------------------------------------------
    def scan_database(self, engine):
        from ledger import schema

        prose = {(t, f) for t, fields in policy.FIELD_POLICY.items() for f, r in fields.items() if r == policy.TEXT}
        tables = list(schema.PUBLISHED_TABLES) + [schema.comments, schema.question_log, schema.publications]
        with engine.connect() as conn:
            for table in tables:
                columns = [c for c in table.columns if _python_type(c) in (str, dict, list)]
                if not columns:
                    continue
                for number, row in enumerate(conn.execute(select(*columns)).mappings(), 1):
                    self._count("database rows")
                    for column in columns:
                        value = row[column.name]
                        if isinstance(value, (dict, list)):
                            value = json.dumps(value, ensure_ascii=False)
                        free = (table.name, column.name) in prose or table.name in ("comments", "question_log")
                        self.scan_text(value, f"db:{table.name}[{number}].{column.name}", free_text=free)

    # -- the search index ---------------------------------------------------------------------
    def scan_search_index(self, config):
        try:
            import search
            documents = search.get_backend(config).all_documents()
        except (ImportError, AttributeError, NotImplementedError):
            documents = None
        except Exception:  # noqa: BLE001 - an unreachable backend falls back to the file
            documents = None
        if documents is not None:
            for number, doc in enumerate(documents, 1):
                self._count("search documents")
                for key, value in doc.items():
                    if isinstance(value, str):
                        self.scan_text(value, f"search:{doc.get('id', number)}.{key}", free_text=key in (
                            "body", "text", "note", "description", "content"))
            return
        path = Path(config.get("SEARCH_INDEX_PATH") or "")
        if path.is_file():
            self.scan_sqlite_file(path, "search")

    def scan_sqlite_file(self, path, label):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for name in names:
                if any(name.endswith(s) for s in ("_data", "_idx", "_docsize", "_config", "_content")) and \
                        not name.endswith("_content"):
                    continue  # FTS5 internals hold tokens, not text
                try:
                    cursor = conn.execute(f'SELECT * FROM "{name}"')  # table names come from sqlite_master
                except sqlite3.DatabaseError:
                    continue
                cols = [d[0] for d in cursor.description]
                for number, row in enumerate(cursor, 1):
                    self._count(f"{label} rows")
                    for col, value in zip(cols, row):
                        if isinstance(value, str):
                            self.scan_text(value, f"{label}:{name}[{number}].{col}")
        finally:
            conn.close()

    # -- files ----------------------------------------------------------------------------------
    def scan_file(self, path):
        path = Path(path)
        self._count("files")
        data = path.read_bytes()
        self.scan_payload(data, path.suffix.lower().lstrip("."), f"file:{path}")

    def scan_payload(self, data, kind, location):
        text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
        if kind == "json":
            try:
                self._scan_json(json.loads(text), location)
                return
            except ValueError:
                pass
        if kind == "csv":
            reader = csv.reader(io.StringIO(text))
            header = next(reader, [])
            numeric = {i for i, h in enumerate(header) if re.search(r"元|金额|amount|_fen|_yuan|预算|支出|投资|数", h)}
            for number, row in enumerate(reader, 2):
                for i, cell in enumerate(row):
                    if i in numeric and re.fullmatch(r"-?[\d.,]+", cell or ""):
                        continue
                    self.scan_text(cell, f"{location}#row{number}")
            return
        if kind == "html":
            text = _html_text(text)
        self.scan_text(text, location)

    def _scan_json(self, value, location):
        """Strings only: JSON numbers are amounts, counts and ids, never identifiers."""
        if isinstance(value, dict):
            for key, item in value.items():
                self._scan_json(item, f"{location}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._scan_json(item, f"{location}[{index}]")
        elif isinstance(value, str):
            self.scan_text(value, location)

    # -- the running site ---------------------------------------------------------------------------
    def crawl(self, fetch, start_paths=("/", "/api"), max_pages=300):
        """Breadth-first over same-site links. ``fetch(path) -> (status, content_type, bytes)``."""
        queue, seen = list(start_paths), set(start_paths)
        per_route = {}
        while queue and self.scanned.get("pages", 0) < max_pages:
            path = queue.pop(0)
            # A few pages per route (「/projects/<code>」, 「/ask?q=…」), so the budget covers every kind of page.
            route = re.sub(r"\d+", "0", path.split("?")[0]) + ("?" if "?" in path else "")
            per_route[route] = per_route.get(route, 0) + 1
            if per_route[route] > max(3, max_pages // 30):
                continue
            try:
                status, content_type, body = fetch(path)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the scan
                self.findings.append(Finding(f"url:{path}", "error", type(exc).__name__, str(exc)[:80]))
                continue
            self._count("pages")
            if status >= 400:
                continue
            kind = "json" if "json" in content_type else "csv" if "csv" in content_type else \
                "html" if "html" in content_type else "text"
            self.scan_payload(body, kind, f"url:{path}")
            text = body.decode("utf-8", errors="replace")
            links = _links(text) if kind == "html" else _json_links(text) if kind == "json" else []
            for link in links:
                absolute = urljoin(path, link)
                parsed = urlparse(absolute)
                if parsed.netloc or parsed.scheme not in ("", "http", "https"):
                    continue
                target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
                if any(c in target for c in "<>{}…*") or "..." in target:
                    continue  # URL templates in API descriptions, not links
                if target not in seen and not target.startswith(("/static/", "/admin", "/login", "/logout")):
                    seen.add(target)
                    queue.append(target)
                    if kind == "html" and not target.endswith((".json", ".csv")) and "?" not in target:
                        for twin in (target.rstrip("/") + ".json",):
                            if twin not in seen:
                                seen.add(twin)
                                queue.append(twin)


def _python_type(column):
    try:
        return column.type.python_type
    except NotImplementedError:
        return None


class _TextAndLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style",):
            self._skip += 1
        for key, value in attrs:
            if key == "href" and value:
                self.links.append(value)
            elif key in ("title", "alt", "value", "content", "placeholder") or key.startswith("data-"):
                if value:
                    self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("style",) and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _html_text(html):
    parser = _TextAndLinks()
    parser.feed(html)
    return "\n".join(parser.parts)


def _links(html):
    parser = _TextAndLinks()
    parser.feed(html)
    return parser.links


def _json_links(text):
    return re.findall(r'"(/[^"\s]*)"', text)
