"""Check digits and structural checks, so that look-alike numbers are left alone."""
import datetime as dt

# GB/T 2260 province-level codes (first two digits of a resident ID / region code).
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
})
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _valid_birth(year, month, day):
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def valid_id18(value):
    """18-digit resident ID: province, birth date and ISO 7064 MOD 11-2 check digit."""
    if len(value) != 18 or not value[:17].isdigit() or value[:2] not in PROVINCES:
        return False
    if not _valid_birth(int(value[6:10]), int(value[10:12]), int(value[12:14])):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == value[17].upper()


def valid_id15(value):
    """Legacy 15-digit ID (before 1999): province and a 19YYMMDD birth date; no check digit exists."""
    if len(value) != 15 or not value.isdigit() or value[:2] not in PROVINCES:
        return False
    return _valid_birth(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))


def valid_luhn(value):
    digits = [int(d) for d in value if d.isdigit()][::-1]
    total = 0
    for i, d in enumerate(digits):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def plausible_card_prefix(digits):
    """Issuer prefixes of cards issued in China (UnionPay 62, Visa 4, Mastercard 5/2221-2720,
    JCB/Amex 3, old domestic 9, 60 BOC); amounts, dates and contract numbers rarely fit."""
    if digits[0] in "34569":
        return True
    return digits[:2] == "60" or 2221 <= int(digits[:4]) <= 2720


# GB 32100-2015 unified social credit code: 31-character alphabet without I, O, Z, S, V.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def valid_uscc(value):
    value = value.upper()
    if len(value) != 18 or any(c not in _USCC_ALPHABET for c in value) or not value[2:8].isdigit():
        return False
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == value[17]


def uscc_is_individual_business(value):
    """Registration authority 9 (market regulation), entity type 2 = 个体工商户."""
    return value[:2] == "92"


def valid_hkid(letters, digits, check):
    """Hong Kong identity card 「A123456(7)」「WD374050(5)」: weights 9..2 over the (space-padded)
    letters and six digits, the check digit (A = 10) making the sum a multiple of 11."""
    if not (1 <= len(letters) <= 2 and len(digits) == 6 and digits.isdigit()):
        return False
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters.upper()] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1)))
    return (11 - total % 11) % 11 == (10 if check.upper() == "A" else int(check))
