"""Time words relative to an as_of date → a Period (years and a month range).

Works on normalised text (digits already Arabic). Returns the period and the spans used,
so the parser can ignore those characters afterwards.
"""
import re
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Period:
    year_from: int
    year_to: int
    month_from: int = 0  # 0/0 = the whole year (including whole-year month-0 rows)
    month_to: int = 0
    explicit: bool = True  # False when the parser fell back to the latest year
    since: bool = False  # 「2019年以来」: the first year is fixed; the last is "now" (clipped to the data)

    @property
    def years(self):
        return list(range(self.year_from, self.year_to + 1))

    @property
    def whole_year(self):
        return self.month_from == 0

    @property
    def multi_year(self):
        return self.year_to > self.year_from

    def label(self):
        if self.multi_year:
            base = f"{self.year_from}—{self.year_to}年"
        else:
            base = f"{self.year_from}年"
        if self.whole_year:
            return base
        if self.month_from == self.month_to:
            return f"{base}{self.month_to}月"
        return f"{base}{self.month_from}—{self.month_to}月"

    def to_dict(self):
        data = asdict(self)
        data["label"] = self.label()
        return data


_RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "本年度": 0, "今年度": 0, "去年": -1, "上年": -1, "上一年": -1,
                   "前年": -2, "大前年": -3}
_YEAR_WORD = "|".join(sorted(_RELATIVE_YEARS, key=len, reverse=True))


def _full_year(text):
    year = int(text)
    return year + 2000 if year < 100 else year


def parse_period(text, as_of):
    """(Period | None, [spans]) for the time words in ``text``."""
    spans = []
    years = None
    since = False
    months = None

    def take(match):
        spans.append(match.span())

    # Ranges of years: 2019到2023年, 2019-2023年, 2019年至2023年
    m = re.search(r"((?:19|20)?\d{2})年?(?:到|至|-|—|~)((?:19|20)?\d{2})年", text)
    if m:
        years = (_full_year(m.group(1)), _full_year(m.group(2)))
        take(m)
    # 2019年以来 / 自2019年起 / 2019年至今: from that year up to now
    m = re.search(r"(?:自|从)?((?:19|20)\d{2})\s*年?\s*(?:以来|至今|到现在|到今年|到目前|起|开始)", text)
    if years is None and m:
        years = (int(m.group(1)), max(int(m.group(1)), as_of.year))
        since = True
        take(m)
    m = re.search(r"(?:近|最近|过去|前)(\d{1,2})年", text)
    if years is None and m:
        n = max(1, min(int(m.group(1)), 30))
        years = (as_of.year - n + 1, as_of.year)
        take(m)
    if years is None:
        m = re.search(r"(?<!\d)((?:19|20)\d{2}|\d{2})\s*年", text)
        if m and not re.match(r"\d{2}年(?:代|龄)", text[m.start():]):
            year = _full_year(m.group(1))
            years = (year, year)
            take(m)
    if years is None:
        # 「比上年」「较上年」 name the comparison base, not the period
        m = re.search(rf"(?<![比较同])({_YEAR_WORD})", text)
        if m:
            year = as_of.year + _RELATIVE_YEARS[m.group(1)]
            years = (year, year)
            take(m)

    # Month ranges within a year.
    m = re.search(r"(\d{1,2})\s*(?:月份?)?\s*(?:到|至|-|—|~)\s*(\d{1,2})\s*月", text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if 1 <= a <= b <= 12:
            months = (a, b)
            take(m)
    if months is None:
        for pattern, value in (
            (r"上半年", (1, 6)),
            (r"下半年", (7, 12)),
            (r"前3个?季度|前三个?季度", (1, 9)),
            (r"前2个?季度|前两个?季度", (1, 6)),
            (r"(?:第)?1季度|一季度|首季", (1, 3)),
            (r"(?:第)?2季度|二季度", (4, 6)),
            (r"(?:第)?3季度|三季度", (7, 9)),
            (r"(?:第)?4季度|四季度", (10, 12)),
        ):
            m = re.search(pattern, text)
            if m:
                months = value
                take(m)
                break
    if months is None:  # 「上季度」: the last full quarter before as_of; 「本季度」: this quarter so far
        m = re.search(r"上一?个?季度|本季度|这个?季度", text)
        if m:
            quarter = (as_of.month - 1) // 3 + 1
            if m.group(0).startswith("上"):
                year, quarter = (as_of.year, quarter - 1) if quarter > 1 else (as_of.year - 1, 4)
                months = (quarter * 3 - 2, quarter * 3)
            else:
                year, months = as_of.year, (quarter * 3 - 2, as_of.month)
            years = years or (year, year)
            take(m)
    if months is None:
        m = re.search(r"上个?月", text)
        if m:
            year, month = (as_of.year, as_of.month - 1) if as_of.month > 1 else (as_of.year - 1, 12)
            if years is None:
                years = (year, year)
            months = (month, month)
            take(m)
    if months is None:
        m = re.search(r"本月|这个月", text)
        if m:
            years = years or (as_of.year, as_of.year)
            months = (as_of.month, as_of.month)
            take(m)
    if months is None:  # 「近3个月」: the last N months up to as_of (within its year); 「去年12个月」: the whole year
        m = re.search(r"(?:近|最近|过去)(\d{1,2})个月", text)
        if m and 1 <= int(m.group(1)) <= as_of.month:
            years = years or (as_of.year, as_of.year)
            months = (as_of.month - int(m.group(1)) + 1, as_of.month)
            take(m)
        elif re.search(r"(?<![前头至止到\d])12个月", text):
            take(re.search(r"12个月", text))
            years = years or (as_of.year, as_of.year)
            months = (0, 0)  # the whole year, month by month if asked so
    if months is None:
        # 「截至今年9月」「今年前9个月」「9月底」: months 1..9 cumulative; 「9月」 alone is that month
        m = re.search(r"(?:截至|截止到?|前|头)?(\d{1,2})\s*个?月(?:份|底|末)?", text)
        if m and 1 <= int(m.group(1)) <= 12:
            month = int(m.group(1))
            before = text[:m.start()]
            cumulative = bool(re.search(r"截|前|头|底|末", m.group(0))) or bool(
                re.search(r"(?:截至|截止到?|到)\s*(?:今年|去年|前年|本年|上年|(?:19|20)?\d{2}年)?\s*$", before))
            months = (1, month) if cumulative else (month, month)
            take(m)

    if months is None:  # 「今年以来」「年初至今」: this year up to now (the data's last month shows in the answer)
        m = re.search(r"年初(?:至今|以来|到现在)|(?<=今年)以来|(?<=今年)至今", text)
        if m:
            years = years or (as_of.year, as_of.year)
            take(m)
    if years is None and months is None:
        return None, spans
    if years is None:
        years = (as_of.year, as_of.year)
    if years[0] > years[1]:
        years = (years[1], years[0])
    month_from, month_to = months or (0, 0)  # (0, 0): the whole year
    return Period(years[0], years[1], month_from, month_to, since=since), spans
