"""The publication's own public names: spans of text no person-name detector may claim.

Region, township, department, company, budget-class and project names (and the fiscal words
every report uses) are public by nature. A person-name guess that overlaps one of them — a
known payee name read across a word boundary (「位于桂岭县」 holds 「于桂」), a jieba ``nr``
tag on a town stem (「柳荫」) — is a false positive that damages the text the public reads.
Validated identifiers (ID numbers, phones, cards…) are never suppressed by this lexicon.
"""
import re

from .address import township_of

# Fiscal and administrative words with a surname-initial character that detectors tend to misread.
FISCAL_TERMS = (
    "白皮书", "平均", "平均每家", "平均每户", "平均每人", "预算", "预算执行", "执行率", "决算", "财政", "惠民", "惠农",
    "惠民惠农", "民生", "农林水", "城乡", "社会保障", "一般公共预算", "政府性基金", "国有资本经营", "转移支付",
    "专项资金", "专项债", "资金拨付", "支出进度", "项目库", "绩效", "高龄津贴", "耕地地力保护补贴", "危房改造",
    "临时救助", "最低生活保障", "特困人员", "优抚", "抚恤", "乡村振兴", "衔接资金", "同比增长", "同比下降", "环比",
    "万元", "亿元", "上半年", "下半年", "全年", "全市", "全区", "全县", "各区县", "区县", "市本级", "本级",
    "执行情况", "决算报告", "预算报告", "审计", "审计工作报告", "整改", "约谈", "督促", "信访", "群众",
    "万家灯火", "和谐", "文明", "安居", "康养", "宁静", "高标准农田", "农田水利", "饮水安全", "公共卫生",
)
# Name endings of organisations that are not natural persons.
ORG_SUFFIXES = ("公司", "厂", "合作社", "集团", "中心", "事务所", "研究院", "设计院", "医院", "学校", "协会", "商行",
                "经营部", "门市部", "加工厂", "养殖场", "农场", "家庭农场", "联合社", "工作室", "站", "所")
_ADMIN_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "区", "县", "市", "村")
_MIN_LEN = 2


def stems(name):
    """A place name and its bare stem: 「柳荫镇」→ 柳荫镇, 柳荫; 「桂岭县」→ 桂岭县, 桂岭."""
    out = [name]
    for suffix in _ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= _MIN_LEN:
            out.append(name[: -len(suffix)])
            break
    return out


def is_organisation(name):
    return bool(name) and name.endswith(ORG_SUFFIXES)


def public_terms_from_tables(tables):
    """Public names in raw importer tables ({table: [(file, line, row)]}), for
    ``Deidentifier(..., public_terms=...)``. Project names are only candidates: the
    Deidentifier drops any that names a person."""
    terms, projects = set(), set()

    def rows(name):
        return (row for _f, _n, row in tables.get(name, []))

    for row in rows("regions"):
        for key in ("name", "short_name"):
            terms.update(stems(row.get(key) or ""))
    for row in rows("departments"):
        terms.add(row.get("name") or "")
    for row in rows("func_classes"):
        terms.add(row.get("name") or "")
    for row in rows("projects"):
        for key in ("category", "output_name"):
            terms.add(row.get(key) or "")
        town = township_of(row.get("location") or "")
        if town:
            terms.update(stems(town))
        if row.get("contractor_type") != "个人" and is_organisation(row.get("contractor")):
            terms.add(row["contractor"])
        projects.add(row.get("name") or "")
    for row in rows("payments"):
        if row.get("payee_type") != "个人" and is_organisation(row.get("payee")):
            terms.add(row["payee"])
    terms = {t for t in terms if len(t) >= _MIN_LEN}
    return {"names": sorted(terms), "project_names": sorted(p for p in projects if len(p) >= _MIN_LEN)}


class PublicTerms:
    """Occurrences of public terms in text, longest first (one alternation regex)."""

    def __init__(self, terms):
        terms = sorted({t for t in terms if t and len(t) >= _MIN_LEN}, key=len, reverse=True)
        self.terms = frozenset(terms)
        self.pattern = re.compile("|".join(map(re.escape, terms))) if terms else None

    def spans(self, text):
        if not self.pattern:
            return []
        return [(m.start(), m.end()) for m in self.pattern.finditer(text)]
