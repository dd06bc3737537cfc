"""The Deidentifier: applies the field policy to records and scrubs free text."""
import hashlib
import hmac
import multiprocessing
import re
from collections import Counter
from collections.abc import Mapping

from . import policy, posmemo  # noqa: F401 — posmemo: jieba's POS HMM searched once per run of characters
from .address import find_addresses, generalise_address, house_part, kept_place, marked_places
from .lexicon import FISCAL_TERMS, PRODUCE_TERMS, PublicTerms, public_address, public_line
from .masks import mask
from .names import KnownNames, find_names, looks_like_person_name, person_context, word_like
from .recognizers import Span, find_identifiers, resolve

# Priorities when spans overlap: validated identifiers > known names > addresses > detected names.
_PRIORITY = {"known": 50, "address": 40, "cue": 30, "weak": 30, "jieba": 20, "stat": 20}
_QUICK_SKIP = re.compile(r"[\dA-Za-z@＠#\u3007\u4e00-\u9fff\uff10-\uff19]")  # letters: WeChat IDs
_CACHE_LIMIT = 300_000


def _blocked(span, guard):
    """A name span inside a public term, or cutting across one («位于桂岭县» → 「于桂」), is not a
    name. A span that holds a whole public term and more (「张惠民」 ⊃ 「惠民」) still is."""
    for start, end in guard:
        if start <= span.start and span.end <= end:
            return True
        if span.start < start < span.end < end or start < span.start < end < span.end:
            return True
    return False


def _known_candidates(text, known, names, guard):
    out = []
    for span in known.find(text):
        # A known name inside a longer detected name is another person (「杨红」 in 「杨红荣」).
        if any(n.start <= span.start and span.end <= n.end and n.end - n.start > span.end - span.start
               for n in names):
            continue
        if span.source == "known" and word_like(span.value) and not person_context(text, span.start, span.end):
            continue  # 「早晚高峰时段」: the word, not the payee 高峰
        if not _blocked(span, guard):
            out.append((_PRIORITY["known"], span))  # also longer names seen through one
    return out


def _private_addresses(text, names=(), settlements=True, places=None):
    """Addresses not given as a public body's, each cut to its house part (the road, village or estate
    stays, policy; ``settlements`` False: a village or estate goes too, as in a record's location).
    ``places``: a list that gets the (start, end) of each village's or estate's name kept before a house part.
    A known name glued before a village in a pasted row (「X岙底村3组7号」) is no part of the address:
    it starts after the name, rather than losing to it whole."""
    out = []
    for s in find_addresses(text):
        if public_address(text, s):
            continue
        place = kept_place(text, s) if settlements and places is not None else None
        if place:
            places.append(place)
        s = house_part(text, s, settlements)
        for name in names:
            if name.start <= s.start < name.end < s.end:
                s = Span(name.end, s.end, s.kind, text[name.end:s.end], s.source)
        out.append((_PRIORITY["address"], s))
    return out


def _after_address(text, name, addresses):
    """A name read across the end of an address in a list row (「…307房 梁嘉」 read as 「房 梁嘉」) is the part
    after the address (the address outranks it, and would otherwise take the whole name away)."""
    for _p, a in addresses:
        if name.start < a.end < name.end and a.start <= name.start:
            start = a.end + len(text[a.end:name.end]) - len(text[a.end:name.end].lstrip())
            if name.end - start >= 2:
                return Span(start, name.end, name.kind, text[start:name.end], name.source)
    return name


def detect(text, known=None, protected=None, user_text=False, settlements=True):
    """All identifier spans in ``text`` (non-overlapping), including kept officials and office lines.

    ``protected``: a lexicon.PublicTerms; person-name guesses inside or across its terms are
    dropped (validated identifiers and addresses never are). ``user_text``: comments, questions —
    cue words never switch number detection off. ``settlements`` False: an address's village or estate
    name is removed with its house part (a record's location column, generalised to its township)."""
    candidates = [(p, s) for p, s in find_identifiers(text, user_text)]
    guard = protected.spans(text) if protected is not None else ()
    names = find_names(text)
    known_found = _known_candidates(text, known, names, guard) if known is not None else []
    candidates += known_found
    places = marked_places(text)  # a village or estate kept before a house part: a name guessed in it is the place's
    addresses = _private_addresses(text, [s for _, s in known_found], settlements, places)
    candidates += addresses
    produce = PRODUCE_TERMS.spans(text)
    names = [_after_address(text, s, addresses) for s in names]
    candidates += [(_PRIORITY[s.source], s) for s in names
                   if not _blocked(s, guard) and not (s.source in ("jieba", "weak", "stat") and _blocked(s, produce))
                   and not any(s.start < end and start < s.end for start, end in places)]
    spans = resolve(candidates)
    people = [s for s in spans if s.kind == "person_name"]
    officials = [s for s in spans if s.kind == "official"]
    return [Span(s.start, s.end, "office_line", s.value, s.source) if s.kind == "landline"
            and public_line(text, s, people, officials) else s for s in spans]


def private_identifiers(text, user_text=False):
    """Validated identifiers (numbers, e-mail, plates…) and addresses that de-identification would
    change — public offices' lines and public addresses excluded. The leak scanner uses this on
    text that is not prose, so it and the importer agree on what is private."""
    candidates = find_identifiers(text, user_text)
    candidates += _private_addresses(text)
    return [s for s in resolve(candidates) if not (s.kind == "landline" and public_line(text, s))]


PARALLEL_MIN_TEXTS = 20_000  # fewer distinct texts: forking costs more than it saves
_FORKED = None  # the Deidentifier a prescrub() worker inherited


def _scrub_forked(text):
    return _FORKED._scrub(text)


class Deidentifier:
    def __init__(self, pseudonym_key, known_person_names=(), public_terms=(), user_text=False,
                 visible_digits=policy.VISIBLE_DIGITS):
        if not pseudonym_key:
            raise ValueError("pseudonym_key must not be empty")
        self._key = pseudonym_key.encode("utf-8")
        if isinstance(known_person_names, Mapping):
            self._prefix = {n: p for n, p in known_person_names.items() if n}
        else:
            self._prefix = {n: policy.DEFAULT_PREFIX for n in known_person_names if n}
        self._known = KnownNames(self._prefix)
        self._protected = PublicTerms(self._public_terms(public_terms))
        self.counts = Counter()  # (kind, treatment) -> n
        self.records = Counter()  # table -> rows
        self.text_fields = 0
        self.text_chars = 0
        self.extra = {}  # sections added by the publisher: k_anonymity, small-cell tables
        self._cache = {}
        self._pseudonyms = {}  # (name, prefix) -> pseudonym: a recipient recurs in every payment they receive
        self._rules = {}  # table -> {field: policy.field_rule}
        self.user_text = user_text  # comments, questions: cue words never switch detection off
        self.visible_digits = max(0, min(policy.MAX_VISIBLE_DIGITS, visible_digits))

    def _public_terms(self, public_terms):
        """FISCAL_TERMS plus the publication's names (lexicon.public_terms_from_tables gives a dict
        with "names" and "project_names"; a plain iterable counts as "names"). A term that holds a
        known person's name is not protected; nor is a project name in which a person is detected."""
        if isinstance(public_terms, Mapping):
            names, projects = public_terms.get("names", ()), public_terms.get("project_names", ())
        else:
            names, projects = public_terms, ()
        known = self._known.pattern

        def safe(term):
            return term and not (known and known.search(term))

        terms = {t for t in FISCAL_TERMS if safe(t)} | {t for t in names if safe(t)}
        for name in projects:
            if safe(name) and not any(s.kind == "person_name" for s in find_names(name)):
                terms.add(name)
        return terms

    # -- pseudonyms --------------------------------------------------------------------------
    def pseudonym(self, name, prefix=policy.DEFAULT_PREFIX):
        """Keyed HMAC-SHA256: stable across publications with the same key, unguessable without it.
        Eight hex digits keep collisions negligible for tens of thousands of persons."""
        key = (name, prefix)
        known = self._pseudonyms.get(key)
        if known is None:
            digest = hmac.new(self._key, name.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:8].upper()
            known = f"{prefix}{digest}"
            if len(self._pseudonyms) < _CACHE_LIMIT:
                self._pseudonyms[key] = known
        return known

    # -- free text ---------------------------------------------------------------------------
    def text(self, text, context=None):
        """Scrub free text. ``context`` "location" (a record's location column): an address's village or
        estate goes with its house part, as the column is generalised to its township; any other
        context (a field name) is accepted for callers' readability."""
        if not text or not isinstance(text, str):
            return text
        self.text_fields += 1
        self.text_chars += len(text)
        settlements = context != "location"
        key = text if settlements else ("location", text)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._scrub(text, settlements)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[key] = cached
        out, found = cached
        if found:
            self.counts.update(found)
        return out

    def prescrub(self, texts, processes):
        """Scrub the distinct ``texts`` not seen yet in ``processes`` forked workers, ahead of text()
        (a province's import: hundreds of thousands of distinct notes and descriptions). Results are
        text()'s own: _scrub depends only on the text and this object's fixed names and terms.
        Below PARALLEL_MIN_TEXTS, or where fork is unavailable, text() does the work as it goes."""
        # Distinct first: a province's payments repeat a few hundred thousand texts millions of times.
        todo = [t for t in dict.fromkeys(texts) if t and isinstance(t, str) and t not in self._cache
                and _QUICK_SKIP.search(t)]
        if processes < 2 or len(todo) < PARALLEL_MIN_TEXTS or "fork" not in multiprocessing.get_all_start_methods():
            return 0
        global _FORKED
        _FORKED = self
        try:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                for text, result in zip(todo, pool.imap(_scrub_forked, todo, chunksize=200)):
                    self._cache[text] = result
        finally:
            _FORKED = None
        return len(todo)

    def _scrub(self, text, settlements=True):
        if not _QUICK_SKIP.search(text):
            return text, ()
        found = []
        parts, last = [], 0
        for span in detect(text, self._known, self._protected, self.user_text, settlements):
            treatment = policy.TEXT_POLICY[span.kind]
            if span.kind == "person_name" and span.source == "known":
                treatment = policy.PSEUDONYM
            found.append((span.kind, treatment))
            if treatment == policy.KEEP:
                continue
            if treatment == policy.PSEUDONYM:
                new = self.pseudonym(span.value, self._prefix.get(span.value, policy.DEFAULT_PREFIX))
            elif treatment == policy.GENERALISE:
                new = generalise_address(text, span)
            else:
                new = mask(span.kind, span.value, self.visible_digits)
            parts.append(text[last:span.start])
            parts.append(new)
            last = span.end
        parts.append(text[last:])
        return "".join(parts), tuple(found)

    def findings(self, text):
        """Identifiers that would be changed in ``text`` (used by the leak scanner)."""
        if not text or not _QUICK_SKIP.search(text):
            return []
        return [s for s in detect(text, self._known, self._protected, self.user_text)
                if policy.TEXT_POLICY[s.kind] != policy.KEEP]

    def scrub(self, text):
        """(scrubbed text, [(kind, treatment)]) — what changed, for a moderator's view."""
        if not text or not isinstance(text, str):
            return text, []
        out, found = self._scrub(text)
        return out, [(k, t) for k, t in found if t != policy.KEEP]

    # -- records -----------------------------------------------------------------------------
    def record(self, table, row):
        self.records[table] += 1
        rules = self._rules.get(table)
        if rules is None:
            rules = self._rules[table] = {}
        out = {}
        for key, value in row.items():
            rule = rules.get(key)
            if rule is None:
                rule = rules[key] = policy.field_rule(table, key)
            if rule == policy.KEEP:
                out[key] = value
            elif rule == policy.DROP:
                if value not in (None, ""):
                    self.counts[(policy.DROPPED_KIND.get(key, key), policy.DROP)] += 1
            elif value in (None, "") or not isinstance(value, str):
                out[key] = value
            elif rule == policy.PSEUDONYM:
                out[key] = self._person_field(table, key, row, value)
            elif rule == policy.TEXT:
                out[key] = self.text(value)
            elif rule == policy.GENERALISE:
                out[key] = self._generalise_location(value)
            else:
                out[key] = value
        return out

    def _person_field(self, table, key, row, value):
        person_type = row.get(policy.PERSON_TYPE_COLUMN.get(key, ""))
        is_person = person_type == policy.PERSON_TYPE_VALUE
        if not is_person and value in self._prefix:
            is_person = True  # the same name is a natural person elsewhere in the data
        if not is_person and person_type in (None, "") and looks_like_person_name(value):
            is_person = True  # untyped 2–4 character surname-initial name: treat as a person
        if not is_person:
            return self.text(value)
        self.counts[("person_name", policy.PSEUDONYM)] += 1
        prefix = self._prefix.get(value) or policy.PSEUDONYM_PREFIX.get(key, policy.DEFAULT_PREFIX)
        return self.pseudonym(value, prefix)

    def _generalise_location(self, value):
        out = self.text(value, context="location")
        return out.replace("（详细地址已隐去）", "").strip() or out

    # -- report ------------------------------------------------------------------------------
    def report(self):
        found = {}
        for (kind, treatment), n in sorted(self.counts.items()):
            found.setdefault(kind, {})[treatment] = n
        report = {
            "identifiers": found,
            "records": dict(self.records),
            "free_text": {"fields": self.text_fields, "characters": self.text_chars},
            **self.extra,
        }
        report["summary"] = public_summary(report)
        return report


def public_summary(report):
    """One Chinese sentence for the public: 「本数据已脱敏：…」."""
    parts = []
    for kind, treatments in report.get("identifiers", {}).items():
        changed = {t: n for t, n in treatments.items() if t != policy.KEEP}
        if not changed:
            continue
        how = "、".join(f"{policy.TREATMENT_LABELS[t]} {n} 处" for t, n in changed.items())
        parts.append(f"{policy.KIND_LABELS.get(kind, kind)}（{how}）")
    text = "本数据已脱敏：" + ("；".join(parts) if parts else "未发现个人信息")
    k = report.get("k_anonymity")
    if k and k.get("k") is not None:
        text += f"；个人收款明细 k-匿名 k={k['k']}（要求 ≥ {k['required']}）"
    cells = report.get("suppressed_cells")
    if cells:
        text += f"；统计表中 {cells} 个小于 5 人的单元格已隐藏（显示为「<5」）"
    return text + "。"


_STATELESS = {}  # visible_digits -> the user-text Deidentifier


def user_text_deidentifier(visible_digits=policy.VISIBLE_DIGITS):
    """The one Deidentifier for user text (comments, inquiries, questions): the publication's
    detectors with cue words unable to switch detection off; no known names, so every private
    name becomes 「X某某」."""
    deid = _STATELESS.get(visible_digits)
    if deid is None:
        deid = _STATELESS[visible_digits] = Deidentifier("stateless-scrub", user_text=True,
                                                         visible_digits=visible_digits)
    return deid


def scrub_text(text, visible_digits=policy.VISIBLE_DIGITS):
    """Scrub user input (comments, questions): masks everything detected. ``visible_digits``: the
    deployment's setting (portal/config.py), at most 4."""
    return user_text_deidentifier(visible_digits).text(text)
