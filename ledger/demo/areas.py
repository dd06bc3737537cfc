"""Areas of the demo: the city 示例市 itself, and at province scale (``--scale N``, N ≥ 2) N-1 more
cities' worth of districts with invented, unique names.

The region tree of a publication has two levels (ledger/schema.py: 0 = the city, 1 = its districts;
pages, comparisons and the question parser rely on it), so an added area is not a region of its own:
its ten districts hang under 示例市 like the first ten, each with its towns and district departments.
Codes follow the real scheme: 99AADD, area AA = 02…99 (the city's own districts are 9901DD).
"""
import random
from dataclasses import dataclass

from . import vocab

DISTRICTS_PER_AREA = len(vocab.DISTRICTS)
TOWNS_PER_DISTRICT = 8
MAX_AREAS = 98  # area codes 02…99

# Place-name stems are a first character (what a place looks like) and a second (what it is). No second
# character is a given-name character (vocab.MALE_GIVEN/FEMALE_GIVEN), so no person's name can occur
# inside a place name and make the de-identifier rewrite it (see identity.PersonFactory).
STEM_FIRST = ("青白赤金银石玉龙凤鹤鹿马牛虎桃李梅兰竹松柏杨柳枫桂荷莲茶禾云霞雾雪风虹月星晨清澄明安宁平康"
              "乐丰盛兴隆永长新福寿吉祥和顺昌东西南北中上下前高大小双三九百红黄绿翠碧蓝紫芦苇菱藕樟槐桐")
STEM_SECOND = "山水河江湖溪泉潭塘湾洲滩岭岗坡坪冲坝桥口关门店铺集寨庄屯营堡田源浦港渡埠岩谷川原亭园峪沟坑堰畈圩墩渚岙埔汊垸岔畔"


@dataclass(frozen=True)
class Area:
    index: int  # 0: 示例市 with its own city-level departments and reports
    districts: tuple  # ((code, name, population, kind), ...) as vocab.DISTRICTS
    town_stems: tuple  # TOWNS_PER_DISTRICT per district, in district order

    @property
    def home(self):
        return self.index == 0

    @property
    def codes(self):
        return [code for code, *_ in self.districts]


HOME = Area(0, tuple(vocab.DISTRICTS), tuple(vocab.TOWN_STEMS))


def area_count(scale):
    """How many cities' worth of districts a scale makes: below 1.5 the city alone, as it always was."""
    return max(1, round(scale))


def build_areas(seed, count):
    """[HOME] + count-1 invented areas; the same (seed, count) always gives the same names."""
    if count > MAX_AREAS:
        raise ValueError(f"scale must be at most {MAX_AREAS} (region codes 99AADD)")
    if count == 1:
        return [HOME]
    pool = _stem_pool(random.Random(f"mingzhang-demo:{seed}:area-names"))
    # District names first, for every possible area: area k has the same names at every scale.
    district_stems, town_pool = pool[:DISTRICTS_PER_AREA * MAX_AREAS], pool[DISTRICTS_PER_AREA * MAX_AREAS:]
    per_area = DISTRICTS_PER_AREA * TOWNS_PER_DISTRICT
    areas = [HOME]
    for index in range(1, count):
        stems = district_stems[(index - 1) * DISTRICTS_PER_AREA:index * DISTRICTS_PER_AREA]
        start = (index - 1) * per_area
        town_stems = tuple(town_pool[(start + i) % len(town_pool)] for i in range(per_area))
        districts = tuple(_district(index, seq, stem, kind, population)
                          for seq, (stem, (_c, _n, population, kind)) in enumerate(zip(stems, vocab.DISTRICTS)))
        areas.append(Area(index, districts, town_stems))
    return areas


def _district(index, seq, stem, kind, home_population):
    """The home district at the same position gives the kind and the order of size (区 01-05, 县 21-25)."""
    number = seq + 1 if kind != "rural" else 21 + seq - 5
    suffix = "县" if kind == "rural" else "区"
    population = home_population * (0.55 + 0.05 * (index % 9)) // 1000 * 1000
    return (f"99{index + 1:02d}{number:02d}", stem + suffix, int(population), kind)


def _stem_pool(rng):
    """Unique two-character stems no fixed vocabulary uses, in a seeded order. District names take the
    first ones; towns go through the rest, so past about scale 50 town names repeat across areas
    (never within an area)."""
    taken = set(vocab.TOWN_STEMS) | set(vocab.VILLAGE_STEMS) | set(vocab.NEIGHBOURHOOD_STEMS)
    taken |= {name[:-1] for _c, name, *_ in vocab.DISTRICTS} | set(vocab.COMPANY_BRANDS)
    pool = [a + b for a in STEM_FIRST for b in STEM_SECOND if a != b and a + b not in taken]
    rng.shuffle(pool)
    return pool


def place_words(areas):
    """Every district name and town stem of the areas (names a person must not be given)."""
    return [name for area in areas for _c, name, *_ in area.districts] + [s for a in areas for s in a.town_stems]
