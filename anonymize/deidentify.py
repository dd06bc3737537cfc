"""First pass: validated ID / mobile / bank-card masking and payee pseudonyms."""
import hashlib
import hmac
import re
from collections import Counter

_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})(?!\d)")
_CARD = re.compile(r"(?<!\d)(\d{16,19})(?!\d)")
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def valid_id18(value):
    if not re.fullmatch(r"\d{17}[\dXx]", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == value[17].upper()


def valid_luhn(value):
    digits = [int(d) for d in value][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


class Deidentifier:
    def __init__(self, pseudonym_key, known_person_names=()):
        self._key = pseudonym_key.encode("utf-8")
        self._names = sorted({n for n in known_person_names if n}, key=len, reverse=True)
        self.counts = Counter()

    def pseudonym(self, name, prefix="个人"):
        digest = hmac.new(self._key, name.encode("utf-8"), hashlib.sha256).hexdigest()[:6].upper()
        return f"{prefix}{digest}"

    def text(self, text, context=None):
        if not text:
            return text
        out = _ID18.sub(lambda m: self._mask("id_number", m.group(1)) if valid_id18(m.group(1)) else m.group(0), text)
        out = _MOBILE.sub(lambda m: self._mask("mobile", m.group(0)), out)
        out = _CARD.sub(lambda m: self._mask("bank_card", m.group(1)) if valid_luhn(m.group(1)) else m.group(0), out)
        for name in self._names:
            if name in out:
                self.counts[("person_name", "pseudonym")] += out.count(name)
                out = out.replace(name, self.pseudonym(name))
        return out

    def _mask(self, kind, value):
        self.counts[(kind, "mask")] += 1
        return "*" * 4 if kind != "id_number" else value[:3] + "*" * 11 + value[-4:]

    def record(self, table, row):
        from .policy import apply_policy
        return apply_policy(self, table, row)

    def report(self):
        found = {}
        for (kind, treatment), n in sorted(self.counts.items()):
            found.setdefault(kind, {})[treatment] = n
        return {"identifiers": found}


def scrub_text(text):
    return Deidentifier("stateless").text(text)
