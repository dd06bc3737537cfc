"""The lexicon: every name a question may use, built from one publication plus semantic.toml.

Region words (全市/全国, 各区/各省, 哪个区/哪个省) are derived from the publication's region
tree, so the same code answers a city's districts and the yearbook's provinces.
"""
import datetime as dt
import re
import threading
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ledger.documents import list_documents
from ledger.queries import reference
from ledger.schema import departments, expenditures, func_classes, payments, projects, regions, units
from ledger.semantics import MINSHENG_LABEL, minsheng_codes

from . import vocab
from .text import longest_first
from .vocab import semantic

# what may stand right before a short name that opens a clause (「2022年黑…」「查一下苏…」)
SHORT_NAME_LEAD_INS = set("年的查问看下和与及在")
YEAR_AHEAD = re.compile(r"\s*(?:\d{4}|\d{2}年|[今去前上本]年)")  # 「苏2021」「苏23年」「京去年」「桂 2020」 (keywords)


@dataclass(frozen=True)
class Entry:
    type: str  # region | region_whole | region_each | township | dept | dept_each | unit | class | class_set | project | contractor
    # | category | status
    value: str  # a code, or a name for categories/contractors/statuses
    name: str  # canonical Chinese name shown to the user


@dataclass
class Lexicon:
    surfaces: dict = field(default_factory=dict)  # surface -> [Entry]
    single_chars: set = field(default_factory=set)  # one-character surfaces the scan reads (沪、鲁)
    # one-character short names that begin other words (京 南京, 苏 苏州): read only in a run of short names (京沪)
    listed_chars: dict = field(default_factory=dict)
    region_names: dict = field(default_factory=dict)  # code -> name
    region_level: dict = field(default_factory=dict)
    root_code: str | None = None
    root_name: str = "全市"
    root_own_rows: bool = True  # the top level has rows of its own (示例市's 市本级; the yearbook's 全国 has none)
    each_word: str = "各区"  # how the level-1 regions are called as a group
    class_names: dict = field(default_factory=dict)  # 类 code -> name
    kuan_names: dict = field(default_factory=dict)  # 款 code -> name
    region_population: dict = field(default_factory=dict)
    outputs: dict = field(default_factory=dict)  # category -> (output name, unit)
    dept_names: dict = field(default_factory=dict)
    dept_region: dict = field(default_factory=dict)
    project_names: dict = field(default_factory=dict)
    project_year: dict = field(default_factory=dict)
    project_region: dict = field(default_factory=dict)
    output_units: set = field(default_factory=set)
    region_nouns: tuple = ()  # bare group nouns (省, 区县, 地区): 「排名前三的省」 ranks the regions
    region_subsets: dict = field(default_factory=dict)  # 「哪个县」 in a city of 区 and 县: {"县": [codes]}
    minsheng: tuple = ()
    township_names: dict = field(default_factory=dict)  # 乡镇/街道 code -> name (places below the district)
    township_region: dict = field(default_factory=dict)  # 乡镇/街道 code -> its district's code
    purposes: tuple = ()  # what payments outside projects are for (高龄津贴, 办公设备采购), longest first
    payments_since: int | None = None  # the year of the first treasury payment published
    payments_until: dt.date | None = None  # the date of the last one (the data may lag the calendar)
    project_output_unit: dict = field(default_factory=dict)  # project code -> its output's unit (人, 公里 …)
    unit_names: dict = field(default_factory=dict)  # second-level unit (二级单位) code -> name
    purpose_aliases: dict = field(default_factory=dict)  # a purpose's short name (低保金) -> the purpose
    documents: tuple = ()  # the published documents' {title, doc_type, year, region_code}: a title in 《》 names one
    max_len: int = 1
    _region_pinyin: dict | None = None  # pinyin of region names, built on first use (typo matching)
    _names_by_deletion: dict | None = None  # class and department names with one character left out -> entries
    _class_candidates: list | None = None  # (surface, class entry) pairs, built on first use

    def add(self, surface, entry, *, single_char=False):
        """``single_char``: a one-character surface is meant (a province's short name); others are noise."""
        surface = surface.strip()
        self._class_candidates = None
        if len(surface) < 2 and entry.type not in ("region_each",) and not single_char:
            return
        if single_char:
            self.single_chars.add(surface)
        for form in {surface, _normalized(surface)}:
            bucket = self.surfaces.setdefault(form, [])
            if entry not in bucket:
                bucket.append(entry)
            self.max_len = max(self.max_len, len(form))

    def scan(self, text, skip=()):
        """Longest-match scan: [(start, end, surface, [Entry])], skipping character spans in ``skip``."""
        blocked = set()
        for a, b in skip:
            blocked.update(range(a, b))
        found, i = [], 0
        while i < len(text):
            if i in blocked:
                i += 1
                continue
            for length in range(min(self.max_len, len(text) - i), 1, -1):
                piece = text[i : i + length]
                if piece in self.surfaces and not blocked.intersection(range(i, i + length)):
                    found.append((i, i + length, piece, self.surfaces[piece]))
                    i += length
                    break
            else:
                if text[i] in self.single_chars:  # only the surfaces meant as one character (沪、鲁)
                    found.append((i, i + 1, text[i], self.surfaces[text[i]]))
                elif text[i] in self.listed_chars and (self._in_run_of_short_names(text, i)
                                                       or self._leads_year_or_class(text, i)):
                    found.append((i, i + 1, text[i], self.listed_chars[text[i]]))
                i += 1
        return found

    def _in_run_of_short_names(self, text, i):
        """「京沪」「粤苏浙」「京、沪」: a short name beside another one (a separator between them allowed)."""
        short = self.single_chars | set(self.listed_chars)
        for step in (-1, 1):
            j = i + step
            if 0 <= j < len(text) and text[j] in "、/,，和与及":
                j += step
            if 0 <= j < len(text) and text[j] in short and not self._starts_longer_name(text, j):
                return True
        return False

    def _leads_year_or_class(self, text, i):
        """「苏2021教育支出」「2022年黑教育支出」: a short name that opens the question or a clause, right before a
        year or a class, cannot begin another word there (苏州、新增、津贴 go on with a character of their word)."""
        before = text[i - 1] if i else ""
        if before and re.match(r"[\u4e00-\u9fff]", before) and before not in SHORT_NAME_LEAD_INS:
            return False
        if YEAR_AHEAD.match(text, i + 1):
            return True
        start = i + 1 + len(text[i + 1:]) - len(text[i + 1:].lstrip(" "))  # 「桂 农林水」: keywords apart
        return any(self._names_class(text[start:start + n]) for n in range(2, self.max_len + 1))

    def _names_class(self, piece):
        entries = self.surfaces.get(piece)
        return bool(entries) and all(e.type == "class" for e in entries)

    def _starts_longer_name(self, text, j):
        """text[j] begins a name of two or more characters (苏 of 苏州市, 宁 of 宁夏)."""
        return any(text[j:j + n] in self.surfaces for n in range(2, min(self.max_len, len(text) - j) + 1))

    def region_like(self, word):
        """The one region ``word`` most likely means despite a typo: the same pinyin as a region's name or
        short name (星乔区 → 星桥区, 松冈 → 松岗), or its full name of four or more characters with one
        character wrong. None if unsure."""
        if len(word) < 2:
            return None
        from pypinyin import lazy_pinyin

        if self._region_pinyin is None:
            index = {}
            for surface, entries in self.surfaces.items():
                for entry in entries:
                    if entry.type == "region" and len(surface) >= 2:
                        index.setdefault("".join(lazy_pinyin(surface)), set()).add(entry)
            self._region_pinyin = index
        found = self._region_pinyin.get("".join(lazy_pinyin(word)), set())
        # one character wrong but not a homophone: only in a longer name, where it is one character of
        # several (东湖区 is not 澄湖区: in a three-character name the wrong one is half of what names it)
        if not found and len(word) >= 4:
            found = {Entry("region", code, name) for code, name in self.region_names.items()
                     if self.region_level.get(code) and len(name) == len(word) and name[-1] == word[-1]
                     and sum(a != b for a, b in zip(name, word)) == 1}
        return next(iter(found)) if len(found) == 1 else None

    def name_missing_a_char(self, word):
        """The one class or department whose name is ``word`` with one character more (职业教 → 职业教育)."""
        if len(word) < 3 or word in vocab.words("filler"):
            return None
        if self._names_by_deletion is None:  # built once: a province's 2,000 departments made each word a scan
            index = {}
            for surface, entries in self.surfaces.items():
                for entry in entries:
                    if entry.type in ("class", "dept") and len(surface) >= 4:
                        for k in range(1, len(surface)):  # not the first character
                            index.setdefault(surface[:k] + surface[k + 1:], set()).add(entry)
            self._names_by_deletion = index
        found = set(self._names_by_deletion.get(word, ()))
        found = {e for e in found if not (e.type == "class" and len(e.value) == 3
                                          and any(f.value[:3] == e.value and len(f.value) > 3 for f in found))}
        return next(iter(found)) if len(found) == 1 else None

    def class_candidates(self):
        """(text, Entry) pairs the embedding model matches unknown words against: built once, as a province's
        surfaces (every project, department and unit name) made each question a scan of them all."""
        if self._class_candidates is None:
            self._class_candidates = [(surface, entry) for surface, entries in self.surfaces.items()
                                      for entry in entries if entry.type in ("class", "class_set")]
        return self._class_candidates


_NEEDS_NORMALIZING = re.compile(r"[零〇一二两三四五六七八九十百千万亿\uff00-\uffef]")


def _normalized(surface):
    """Names as questions are normalised (「第五中学」 → 「第5中学」), so both forms match."""
    if not _NEEDS_NORMALIZING.search(surface):
        return surface
    from .text import normalize

    return normalize(surface)


def _strip_suffix(name, suffixes):
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _stem(class_name):
    return class_name[:-2] if class_name.endswith("支出") and len(class_name) > 2 else class_name


_cache = {}
_lock = threading.Lock()


def for_publication(conn, pub_id, config=None):
    """The lexicon of a publication (built once per publication and process)."""
    key = (str(conn.engine.url), pub_id, tuple(minsheng_codes(config)))  # several databases may share ids
    with _lock:
        lex = _cache.get(key)
    if lex is None:
        lex = build(conn, pub_id, config)
        with _lock:
            _cache[key] = lex
    return lex


def build(conn, pub_id, config=None):
    lex = Lexicon(minsheng=tuple(minsheng_codes(config)))
    rows = conn.execute(select(regions).where(regions.c.publication_id == pub_id)
                        .order_by(regions.c.level, regions.c.code)).mappings().all()
    _add_regions(lex, rows)
    lex.root_own_rows = conn.execute(select(expenditures.c.region_code).where(
        expenditures.c.publication_id == pub_id, expenditures.c.region_code == lex.root_code).limit(1)).first() is not None
    _add_townships(lex, conn, pub_id)
    _add_departments(lex, conn, pub_id, rows)
    _add_classes(lex, conn, pub_id)
    _add_projects(lex, conn, pub_id)
    lex.documents = tuple({"title": d["title"], "doc_type": d["doc_type"], "year": d["year"],
                           "region_code": d["region_code"]} for d in list_documents(conn, pub_id))
    _add_payments(lex, conn, pub_id)
    _add_units(lex, conn, pub_id)
    return lex


def _add_regions(lex, rows):
    """Region names, the whole (全市/全国), the top level's own rows (市本级) and the group words."""
    suffix_chars = set()
    for row in rows:
        lex.region_names[row["code"]] = row["name"]
        lex.region_level[row["code"]] = row["level"]
        lex.region_population[row["code"]] = row["population"]
        if row["level"] == 0:
            _add_top_level(lex, row)
            continue
        entry = Entry("region", row["code"], row["name"])
        lex.add(row["name"], entry)
        lex.add(row["short_name"], entry)
        stripped = _strip_suffix(row["name"], vocab.words("region_suffixes"))
        if stripped:
            lex.add(stripped, entry)
        abbreviation = semantic().get("region_abbreviations", {}).get(row["name"])
        if abbreviation:  # 「沪2022年支出」: dropped, the question was answered for 全国
            lex.add(abbreviation, entry, single_char=True)
        listed = semantic().get("region_abbreviations_in_lists", {}).get(row["name"])
        if listed:  # 「京沪」「粤苏浙」: 京 and 苏 were dropped (one region compared, or two of three)
            lex.listed_chars.setdefault(listed, []).append(entry)
        suffix = next((s for s in ("省", "市", "区", "县", "自治区", "旗") if row["name"].endswith(s)), None)
        if suffix:
            suffix_chars.add(suffix)
    _add_region_groups(lex, rows, suffix_chars)


def _add_top_level(lex, row):
    lex.root_code, lex.root_name = row["code"], row["name"]
    # 「市本级」: the top level's own rows, without the districts
    own = Entry("region", row["code"], row["name"][-1] + "本级")
    for surface in (row["name"][-1] + "本级", row["name"] + "本级", "本级"):
        lex.add(surface, own)
    whole = Entry("region_whole", row["code"], row["name"])
    for surface in {row["name"], row["short_name"], "全" + row["name"][-1]}:
        lex.add(surface, whole)
    for word in semantic()["regions"]["whole"]:
        lex.add(word, whole)


def _add_region_groups(lex, rows, suffix_chars):
    """各区/哪个县/各省: the level-1 regions as a group, named by the suffixes their names end in."""
    if lex.root_name == "全国" or "省" in suffix_chars:
        suffix_chars.update({"省", "省份"})
    each_names = sorted(suffix_chars)
    if suffix_chars == {"区"} or suffix_chars == {"区", "县"}:
        each_names = sorted(suffix_chars | {"区县", "县区"})  # 「县区」 is every region too, never the 县 only
    if {"区", "县"} <= suffix_chars:
        # 「县」 never names a 区, so 「哪个县」 ranks the counties only (「各区」 stays loose: 各区县)
        lex.region_subsets["县"] = [r["code"] for r in rows if r["level"] >= 1 and r["name"].endswith("县")]
        lex.region_subsets["区"] = [r["code"] for r in rows if r["level"] >= 1 and r["name"].endswith("区")]
    lex.region_nouns = tuple(sorted(set(each_names) | {"地区", "地方"}, key=longest_first))
    for suffix in each_names:
        each = Entry("region_each", suffix, "各" + suffix)
        for prefix in vocab.words("region_each_prefixes"):
            lex.add(prefix + suffix, each)
        lex.add(suffix + "之间", each)
        for among in ("里面", "里头", "里", "中", "当中", "之中"):  # 「区县里面谁最少」: who among them, a ranking
            lex.add(f"{suffix}{among}谁", each)
    lex.each_word = "各" + (each_names[0] if len(each_names) == 1 else
                           "省" if "省" in suffix_chars else "区县" if {"区", "县"} <= suffix_chars
                           else "区" if "区" in suffix_chars else each_names[0] if each_names else "地区")
    for word in semantic()["regions"]["each_generic"]:
        lex.add(word, Entry("region_each", "地区", "各地区"))
    for word in vocab.words("class_each"):
        lex.add(word, Entry("class_each", "class", "各科目"))


def _add_townships(lex, conn, pub_id):
    """Townships and streets (乡镇/街道) by their full names only: a bare stem (「创业」「文昌」「长乐」) is too
    often an ordinary word."""
    for place in reference.all_townships(conn, pub_id):
        lex.township_names[place["code"]] = place["name"]
        lex.township_region[place["code"]] = place["region_code"]
        lex.add(place["name"], Entry("township", place["code"], place["name"]))


def _add_units(lex, conn, pub_id):
    """Second-level units (学校、医院、图书馆): the full name, and for the city's own units the name with the
    city's name cut to its level word (示例市博物馆 → 市博物馆), as portal/views/ask_units.py reads them."""
    city = lex.root_name
    for row in conn.execute(select(units.c.code, units.c.name).where(units.c.publication_id == pub_id)
                            .order_by(units.c.code)):
        entry = Entry("unit", row.code, row.name)
        lex.unit_names[row.code] = row.name
        lex.add(row.name, entry)
        forms = [row.name]
        if city and len(city) > 1 and row.name.startswith(city) and len(row.name) > len(city) + 1:
            forms.append(city[-1] + row.name[len(city):])
            lex.add(forms[-1], entry)
        for form in forms:
            _add_unit_short_forms(lex, form, entry)
    _add_unit_abbreviations(lex)


UNIT_SUFFIXES = ("中心", "站", "所", "院", "馆", "局", "队")


def unit_abbreviation(name):
    """「枫林区疾控中心」 for 枫林区疾病预防控制中心: the name after its place read as two-character words (three or
    more) before its suffix, shortened to the first character of the first and of the last word — the middle
    dropped, as people shorten such names (农业技术推广中心 → 农推中心). None when the name has no such shape."""
    place = next((name[:i + 1] for i, char in enumerate(name[:4]) if char in "市区县"), "")
    tail = name[len(place):]
    suffix = next((s for s in UNIT_SUFFIXES if tail.endswith(s)), None)
    core = tail[:-len(suffix)] if suffix else ""
    if not place or len(core) < 6 or len(core) % 2:
        return None
    return place + core[0] + core[-2] + suffix


def _add_unit_abbreviations(lex):
    """Each unit's abbreviation (unit_abbreviation), only when it stands for that unit alone and names nothing else."""
    meant = {}
    for code, name in lex.unit_names.items():
        forms = [name]
        city = lex.root_name
        if city and len(city) > 1 and name.startswith(city) and len(name) > len(city) + 1:
            forms.append(city[-1] + name[len(city):])
        for form in forms:
            short = unit_abbreviation(form)
            if short:
                meant.setdefault(short, set()).add(code)
    for short, codes in meant.items():
        if len(codes) == 1 and not lex.surfaces.get(short):
            code = next(iter(codes))
            lex.add(short, Entry("unit", code, lex.unit_names[code]))


def _add_unit_short_forms(lex, name, entry):
    """「市妇幼」「鹭洲区二院」: the short forms of [unit_short_forms], applied to the name after its place."""
    place = next((name[:i + 1] for i, char in enumerate(name[:4]) if char in "市区县"), "")
    for pattern_, short in semantic().get("unit_short_forms", {}).items():
        tail = re.sub(pattern_, short, name[len(place):])
        if tail and tail != name[len(place):] and len(place + tail) >= 3:
            lex.add(place + tail, entry)


def _add_departments(lex, conn, pub_id, rows):
    """Departments: full names and the name without the region prefix (示例市教育局 → 教育局)."""
    region_prefixes = sorted({n for n in lex.region_names.values()} |
                             {r["short_name"] for r in rows}, key=longest_first)
    for row in conn.execute(select(departments.c.code, departments.c.name, departments.c.region_code)
                            .where(departments.c.publication_id == pub_id).order_by(departments.c.code)):
        entry = Entry("dept", row.code, row.name)
        lex.dept_names[row.code] = row.name
        lex.dept_region[row.code] = row.region_code
        for name in _dept_names(lex, row, region_prefixes):
            if len(name) >= 3 or name == row.name:
                lex.add(name, entry)
    for word in vocab.words("dept_each"):
        lex.add(word, Entry("dept_each", "dept", "各部门"))
    # 「市直部门」: the departments of the top level only
    own = lex.root_name[-1] if lex.root_name else "市"
    for word in vocab.words("own_depts"):
        lex.add(word.format(own=own), Entry("dept_each", "root", f"{own}直部门"))


def _dept_names(lex, row, region_prefixes):
    """A department's name, without its region (市教育局 → 教育局) and abbreviated (市人社局, 住建局)."""
    names = [row.name]
    if row.region_code == lex.root_code and row.name[:1] == lex.root_name[-1:] and len(row.name) >= 4:
        names.append(row.name[1:])  # 市教育局 → 教育局
    for prefix in region_prefixes:
        if prefix and row.name.startswith(prefix) and len(row.name) - len(prefix) >= 2:
            short = row.name[len(prefix):]
            names.append(short)
            if prefix == lex.root_name:  # 示例市教育局 → 市教育局
                names.append(lex.root_name[-1] + short)
            break
    for long_form, shorts in semantic().get("dept_abbreviations", {}).items():
        names += [n.replace(long_form, s) for n in list(names) if long_form in n for s in shorts]
    return names


def _add_classes(lex, conn, pub_id):
    """Functional classes: 类 names, their stems and colloquial synonyms; 款 names; class sets (民生支出)."""
    own_names = set()  # surfaces that are a class's own name (these beat colloquial synonyms)
    for row in conn.execute(select(func_classes.c.code, func_classes.c.name, func_classes.c.level)
                            .where(func_classes.c.publication_id == pub_id)):
        if len(row.code) > 3 and row.level != 1:
            _add_kuan(lex, row, own_names)
        else:
            _add_lei(lex, row, own_names)
    _prefer_own_names(lex, own_names)
    for set_name, spec in semantic()["class_sets"].items():
        entry = Entry("class_set", set_name, spec.get("label", MINSHENG_LABEL))
        for word in spec["words"]:
            lex.add(word, entry)


def _add_kuan(lex, row, own_names):
    entry = Entry("class", row.code, row.name)
    lex.kuan_names[row.code] = row.name
    stem = re.sub(r"(?:事务|支出)$", "", row.name)
    if stem in vocab.words("stop"):  # 「财政事务」's stem 「财政」 is public money at large: 「财政花了多少」 is the total
        stem = row.name
    # 「彩票公益金安排的支出」 is asked about as 「彩票公益金（支出）」
    funded = re.sub(r"(?:安排|用于)的?支出$", "", row.name)
    funded = {funded, funded + "支出"} if funded != row.name and len(funded) >= 3 else set()
    synonyms = semantic().get("kuan_synonyms", {}).get(row.name, [])
    for surface in {row.name, stem if len(stem) >= 2 else row.name, *funded, *synonyms}:
        lex.add(surface, entry)
        own_names.add((surface, row.code))


def _add_lei(lex, row, own_names):
    entry = Entry("class", row.code, row.name)
    lex.class_names[row.code] = row.name
    stem = _stem(row.name)
    lex.add(row.name, entry)
    lex.add(stem, entry)
    own_names.update({(row.name, row.code), (stem, row.code)})
    joined = re.sub(r"[及与和]|等$", "", stem)  # 「灾害防治应急管理」: the 类's name without 及/与/和, never a 款 in it
    if len(joined) >= 4 and joined != stem:
        lex.add(joined, entry)
        lex.add(joined + "支出", entry)
    for word in semantic()["class_synonyms"].get(stem, []):
        lex.add(word, entry)
        lex.add(word + "支出", entry)


def _prefer_own_names(lex, own_names):
    """「水利支出」 is the 款 水利 as well, not only 「水利」 (a colloquial 农林水) + 支出; and where one word names
    several classes, a class's own name comes first (「水利」 the 款, not 农林水), then the 类."""
    for surface, bucket in lex.surfaces.items():
        stem_bucket = lex.surfaces.get(surface[:-2]) if surface.endswith("支出") else None
        for entry in stem_bucket or []:
            if entry.type == "class" and len(entry.value) > 3 and (surface[:-2], entry.value) in own_names:
                if entry not in bucket:
                    bucket.append(entry)
                own_names.add((surface, entry.value))
    for surface, bucket in lex.surfaces.items():
        if sum(e.type == "class" for e in bucket) > 1:
            bucket.sort(key=lambda e: (e.type != "class", (surface, e.value) not in own_names, len(e.value)))


def _add_projects(lex, conn, pub_id):
    """Projects, their categories, outputs, contractors and statuses."""
    for row in conn.execute(select(projects.c.code, projects.c.name, projects.c.year, projects.c.region_code,
                                   projects.c.output_unit)
                            .where(projects.c.publication_id == pub_id).order_by(projects.c.code)):
        _add_project(lex, row)
        lex.project_output_unit[row.code] = row.output_unit
    for (category,) in conn.execute(select(projects.c.category).where(projects.c.publication_id == pub_id).distinct()):
        if category:
            lex.add(category, Entry("category", category, category))
    _add_outputs(lex, conn, pub_id)
    names = [c for (c,) in conn.execute(select(projects.c.contractor).where(
        projects.c.publication_id == pub_id, projects.c.contractor.is_not(None)).distinct().order_by(projects.c.contractor))]
    for contractor in names:
        entry = Entry("contractor", contractor, contractor)
        lex.add(contractor, entry)
        short = _strip_suffix(contractor, vocab.words("company_suffixes"))
        if short and len(short) >= 4:
            lex.add(short, entry)
    for alias, contractor in _trade_names(lex, names).items():
        lex.add(alias, Entry("contractor", contractor, contractor))
    for alias, contractor in _name_starts(lex, names).items():
        lex.add(alias, Entry("contractor", contractor, contractor))
    for status, words in semantic()["status_words"].items():
        for word in words:
            lex.add(word, Entry("status", status, status))


def _add_payments(lex, conn, pub_id):
    """Companies paid by the treasury that build no project (suppliers: 「某科技有限公司今年收了多少钱」) and the
    purposes of payments outside projects (「今年高龄津贴发了多少笔」). A purpose that already names something
    (a class: 临时救助) keeps that meaning; the payment builder finds it in the text when payments are asked."""
    paid = conn.execute(select(payments.c.payee).where(payments.c.publication_id == pub_id,
                                                       payments.c.payee_type == "单位").distinct())
    for (payee,) in paid:
        if payee not in lex.surfaces:
            lex.add(payee, Entry("contractor", payee, payee))
    purposes = [p for (p,) in conn.execute(select(payments.c.purpose).where(
        payments.c.publication_id == pub_id, payments.c.project_code.is_(None),
        payments.c.purpose.is_not(None)).distinct()) if p]
    lex.purposes = tuple(sorted(purposes, key=lambda p: (-len(p), p)))
    first, last = conn.execute(select(func.min(payments.c.date), func.max(payments.c.date)).where(
        payments.c.publication_id == pub_id)).one()
    lex.payments_since = first.year if first else None
    lex.payments_until = last
    for purpose in lex.purposes:
        if purpose not in lex.surfaces:
            lex.add(purpose, Entry("purpose", purpose, purpose))
    for alias, purpose in _purpose_aliases(lex).items():
        if alias not in lex.surfaces:  # 低保金 is also read as the class 最低生活保障: payments only when asked
            lex.add(alias, Entry("purpose", purpose, purpose))
        lex.purpose_aliases[alias] = purpose


LIKE_ENDINGS = ("补贴", "津贴", "补助")  # kinds of subsidy people name one for another (高龄补贴 for 高龄津贴)


def _purpose_aliases(lex):
    """{short name: purpose} for the ways people shorten a payment purpose, where exactly one purpose has the
    short name and it names nothing else: its kind without a qualifier (一次性创业补贴 → 创业补贴), its first word
    and its two-character ending around a middle (农机购置补贴 → 农机补贴, 耕地地力保护补贴 → 耕地补贴), without its
    first word when three characters and the ending remain (生态护林员补助 → 护林员补助), with another word for the same
    kind of subsidy (高龄津贴 → 高龄补贴), or a class's everyday word and the ending its name takes in the purpose
    (低保 is 最低生活保障, so 最低生活保障金 → 低保金)."""
    endings = vocab.words("purpose_endings")
    found = {}
    for purpose in lex.purposes:
        ending = next((e for e in sorted(endings, key=len, reverse=True) if purpose.endswith(e)), None)
        if ending is None:
            continue
        qualified = [q for q in vocab.words("purpose_qualifiers") if purpose.startswith(q)]
        for qualifier in qualified:
            if len(purpose) - len(qualifier) >= 4:
                found.setdefault(purpose[len(qualifier):], set()).add(purpose)
        if not qualified and len(ending) >= 2 and len(purpose) >= 2 + 2 + len(ending):  # 农机[购置]补贴
            found.setdefault(purpose[:2] + ending, set()).add(purpose)
        if len(ending) >= 2 and len(purpose) - 2 >= 3 + len(ending):  # [生态]护林员补助, [困难]残疾人生活补贴
            found.setdefault(purpose[2:], set()).add(purpose)
        stem = purpose[:-len(ending)]
        for other in (e for e in LIKE_ENDINGS if e != ending and ending in LIKE_ENDINGS and len(stem) >= 2):
            found.setdefault(stem + other, set()).add(purpose)  # 高龄补贴 for 高龄津贴: a subsidy called another kind
        for surface, entries in list(lex.surfaces.items()):
            if len(surface) >= 2 and stem not in surface and not surface.endswith(("支出", ending)) \
                    and any(e.type == "class" and e.name == stem for e in entries):
                found.setdefault(surface + ending, set()).add(purpose)
    return {alias: next(iter(owners)) for alias, owners in found.items()
            if len(owners) == 1 and alias not in lex.purposes
            and all(e.type == "class" for e in lex.surfaces.get(alias, []))}


def _name_starts(lex, names):
    """{「竹源方圆建筑」: 竹源方圆建筑工程有限公司}: a company named by the start of its name (place, trade name and
    the first word of its trade), six characters or more, where exactly one company's name starts so and the
    words name nothing else. A start never cuts a run of Latin letters and digits (a code or a pseudonym)."""
    found = {}
    for name in names:
        short = _strip_suffix(name, vocab.words("company_suffixes")) or name
        for size in range(6, len(short)):
            if short[size - 1].isascii() and short[size - 1].isalnum() and short[size].isascii() \
                    and short[size].isalnum():  # 「个人承包方F1」: a code (a pseudonym) is matched whole, never by its start
                continue
            found.setdefault(short[:size], set()).add(name)
    return {start: next(iter(owners)) for start, owners in sorted(found.items())
            if len(owners) == 1 and start not in lex.surfaces}


def _trade_names(lex, names):
    """{「梅溪华建」: 梅溪华建建设集团有限公司}: a company's usual short name, its place and the two characters of
    its trade name after it (地名 + 字号), where exactly one company has it and it names nothing else."""
    places = sorted({re.sub("[区县市]$", "", n) for n in lex.region_names.values()} | {lex.root_name},
                    key=longest_first)
    found = {}
    for name in names:
        place = next((p for p in places if len(p) >= 2 and name.startswith(p)), None)
        if place and len(name) >= len(place) + 4:
            found.setdefault(name[:len(place) + 2], []).append(name)
    return {alias: owners[0] for alias, owners in found.items()
            if len(owners) == 1 and alias not in lex.surfaces and alias != owners[0]}


def _add_project(lex, row):
    lex.project_names[row.code] = row.name
    lex.project_year[row.code] = row.year
    lex.project_region[row.code] = row.region_code
    entry = Entry("project", row.code, row.name)
    lex.add(row.name, entry)
    lex.add(row.code, entry)  # 「项目2026-990000-0089已拨付多少钱」: the code names the project too
    short = re.sub(r"^(\d{4}年)", "", row.name)
    if short != row.name:
        lex.add(short, entry)
    # 「桂岭县的第2幼儿园建设工程」: the name without its region, the region said apart
    region = lex.region_names.get(row.region_code, "")
    if region and short.startswith(region) and len(short) - len(region) >= 6:
        lex.add(short[len(region):], entry)


def _add_outputs(lex, conn, pub_id):
    output_synonyms = semantic().get("output_synonyms", {})
    for category, name, unit in conn.execute(select(projects.c.category, projects.c.output_name, projects.c.output_unit)
                                             .where(projects.c.publication_id == pub_id).distinct()):
        if unit:
            lex.output_units.add(unit)
        if category and name and unit:
            lex.outputs[category] = (name, unit)
            entry = Entry("output", category, name)
            for word in _output_words(name, category):
                lex.add(word, entry)
                for synonym in output_synonyms.get(word, []):
                    lex.add(synonym, entry)


def _output_words(name, category):
    """「新增恢复灌溉面积」 → 新增恢复灌溉面积, 恢复灌溉面积, 灌溉面积; 「农村供水受益人口」 → 受益人口 too."""
    words, rest = {name}, name
    while True:
        verb = next((v for v in vocab.words("output_verbs") if rest.startswith(v) and len(rest) - len(v) >= 2), None)
        if verb is None:
            break
        rest = rest[len(verb):]
        words.add(rest)
    if rest.startswith(category) and len(rest) - len(category) >= 3:
        words.add(rest[len(category):])
    return {w for w in words if w != category}


def project_count(conn, pub_id):
    return conn.execute(select(func.count()).select_from(projects).where(projects.c.publication_id == pub_id)).scalar()
