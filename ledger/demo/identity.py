"""Fictional private persons with realistic-looking personal data.

The numbers are well-formed (ID check digit per GB 11643 / ISO 7064 MOD 11-2, bank cards
with a Luhn check digit, mobile numbers 1[3-9]xxxxxxxxx) so that de-identification is
tested against what real raw files contain. They belong to nobody.
"""
import datetime as dt
from dataclasses import dataclass

from . import vocab

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# Real county-level codes (place of first registration); the people themselves are invented.
BIRTH_REGION_CODES = (
    "110105", "120101", "130102", "310101", "320102", "330102", "340102", "350102", "360102",
    "370102", "410102", "420102", "430102", "440103", "450102", "500101", "510104", "520102",
    "530102", "610102", "620102", "430602", "431102", "360702", "421002", "411302",
)
CARD_PREFIXES = (("622848", 19), ("621700", 19), ("622202", 19), ("623052", 19), ("622588", 16),
                 ("621483", 16), ("622260", 19), ("621799", 19))
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                   "153", "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182",
                   "183", "185", "186", "187", "188", "189", "191", "198", "199")


def id_check_digit(first17):
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def luhn_check_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # the digit left of the check digit is doubled
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


@dataclass
class Person:
    name: str
    gender: str
    birth: dt.date
    id_number: str
    phone: str
    bank_card: str
    address: str
    region_code: str  # district of residence
    town: str
    rural: bool

    def age_on(self, day):
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))


class PersonFactory:
    """Draws unique fictional persons from a random.Random; avoids reserved names (officials)."""

    def __init__(self, rng, towns_by_district, reserved_names=(), reserved_text="", used_ids=None):
        self.rng = rng
        self.towns = towns_by_district  # {district_code: [(town_name, rural), ...]}
        self.districts = list(towns_by_district)
        self.reserved = set(reserved_names)
        # Names that occur inside ordinary text (place or company words) would make the
        # de-identifier rewrite that text, so such names are never given to a person.
        self.reserved_text = reserved_text
        self.used_ids = set() if used_ids is None else used_ids  # shared by the areas of a province
        self._surname_weights = [1.0 / (i + 8) for i in range(len(vocab.SURNAMES))]

    def name(self, gender):
        rng = self.rng
        surname = rng.choices(vocab.SURNAMES, self._surname_weights)[0]
        chars = vocab.MALE_GIVEN if gender == "男" else vocab.FEMALE_GIVEN
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.72 else "")
        return surname + given

    def id_number(self, birth, gender):
        while True:
            region = self.rng.choice(BIRTH_REGION_CODES)
            seq = self.rng.randrange(0, 500) * 2 + (1 if gender == "男" else 0)
            body = f"{region}{birth:%Y%m%d}{seq:03d}"
            number = body + id_check_digit(body)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self):
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10 ** 8):08d}"

    def bank_card(self):
        prefix, length = self.rng.choice(CARD_PREFIXES)
        body = prefix + "".join(str(self.rng.randrange(10)) for _ in range(length - len(prefix) - 1))
        return body + luhn_check_digit(body)

    def address(self, district_name, town, rural):
        rng = self.rng
        if rural:
            village = rng.choice(vocab.VILLAGE_STEMS)
            return f"{vocab.CITY_NAME}{district_name}{town}{village}村{rng.randint(1, 12)}组{rng.randint(1, 88)}号"
        estate = rng.choice(vocab.NEIGHBOURHOOD_STEMS)
        return (f"{vocab.CITY_NAME}{district_name}{town}{estate}小区{rng.randint(1, 28)}栋"
                f"{rng.randint(1, 4)}单元{rng.randint(1, 32)}{rng.randint(1, 4):02d}室")

    def person(self, as_of, district_names, min_age=18, max_age=92, district=None, rural=None):
        rng = self.rng
        gender = rng.choice(("男", "女"))
        while True:
            name = self.name(gender)
            if name not in self.reserved and name not in self.reserved_text:
                break
        age = rng.randint(min_age, max_age)
        birth = dt.date(as_of.year - age, 1, 1) - dt.timedelta(days=rng.randrange(365))
        district = district or rng.choice(self.districts)
        towns = self.towns[district]
        if rural is not None:
            towns = [t for t in towns if t[1] == rural] or towns
        town, town_rural = rng.choice(towns)
        return Person(name=name, gender=gender, birth=birth, id_number=self.id_number(birth, gender),
                      phone=self.phone(), bank_card=self.bank_card(),
                      address=self.address(district_names[district], town, town_rural),
                      region_code=district, town=town, rural=town_rural)
