"""The data dictionary of every published table: field, Chinese label, unit, type.

Labels come from the documented import layout (ledger/importer/layout.py) where a column
matches; the few columns the layout does not describe are declared in ``EXTRA`` below.
Amounts are stored in fen and exported in 元 under a ``*_yuan`` name.
"""
from dataclasses import dataclass

from sqlalchemy import BigInteger, Date, DateTime, Float, Integer, SmallInteger

from .importer.layout import LAYOUTS
from .schema import PUBLISHED_TABLES

# (table, column) -> (label, unit) for columns the import layout does not name.
EXTRA = {
    ("regions", "level"): ("层级（0 = 市/全国，1 = 区县/省份）", None),
    ("func_classes", "parent_code"): ("上级科目编码", None),
    ("func_classes", "level"): ("科目层级（1 = 类，2 = 款）", None),
}
UNITS = {"population": "人", "year": "年", "month": "月（0 = 全年合计）", "progress_pct": "%", "planned_pct": "%",
         "actual_pct": "%", "quarter": "季度（1–4）"}
DESCRIPTIONS = {
    "regions": "行政区划：市（或全国）及下辖区县（或省份），含常住人口。",
    "departments": "预算单位（部门）。",
    "func_classes": "政府收支分类科目（功能分类）：类（3 位）、款（5 位）。",
    "budgets": "年度预算：年度 × 地区 × 预算单位 × 科目。",
    "expenditures": "月度实际支出（非累计）；月份为 0 表示没有月度明细的全年数。",
    "projects": "项目库：投资、支付、产出、进度、承建方（个人已脱敏）。",
    "project_updates": "项目进展记录。",
    "payments": "国库支付明细；收款人为个人的已以代号替代，身份证号、电话、账号、住址不公开。",
    "documents": "报告文档正文（已脱敏）。",
    "townships": "乡镇、街道（属于哪个区县）；项目库的「乡镇街道代码」指向这里。",
    "units": "二级预算单位：部门下属的学校、医院、中心等。",
    "unit_budgets": "二级预算单位的年度预算：年度 × 二级单位 × 科目；是所属部门预算的一部分。",
    "unit_expenditures": "二级预算单位的月度实际支出（非累计）；是所属部门支出的一部分。",
    "project_plans": "跨年度项目的分年度支出计划与当年实际支付（监督预警比较年末累计偏差）。",
    "project_quarters": "项目每季度末的计划形象进度与实际形象进度（监督预警判断项目风险）。",
    "project_contracts": "项目中标日期与合同金额；中标单位见项目库的承建单位（监督预警分析供应商）。",
}


@dataclass(frozen=True)
class Field:
    name: str  # exported name
    column: str  # database column
    label: str
    unit: str | None
    type: str  # integer | number | string | date
    is_amount: bool = False

    def export(self, value):
        if value is None:
            return None
        if self.is_amount:
            from .money import fen_to_yuan
            return fen_to_yuan(value)
        if self.type == "date":
            return value.isoformat()
        return value


def _type(column):
    kind = column.type
    if isinstance(kind, (Integer, SmallInteger, BigInteger)):
        return "integer"
    if isinstance(kind, Float):
        return "number"
    if isinstance(kind, (Date, DateTime)):
        return "date"
    return "string"


def _fields(table):
    layout = LAYOUTS.get(table.name)
    by_key = {c.key: c for c in layout.columns} if layout else {}
    fields = []
    for column in table.columns:
        if column.name == "publication_id":
            continue
        if column.name.endswith("_fen"):
            key = column.name[:-4] + "_yuan"
            source = by_key.get(key)
            label = source.label.replace("（元）", "") if source else column.name
            fields.append(Field(key, column.name, label, "元", "number", is_amount=True))
            continue
        source = by_key.get(column.name)
        label, unit = EXTRA.get((table.name, column.name), (source.label if source else column.name, None))
        unit = unit or UNITS.get(column.name)
        if column.name in ("output_planned", "output_actual"):
            unit = "见「计量单位」"
        fields.append(Field(column.name, column.name, label.replace("（%）", ""), unit, _type(column)))
    return fields


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    description: str
    table: object
    fields: tuple

    def field(self, name):
        return next((f for f in self.fields if f.name == name), None)


DATASETS = {
    table.name: Dataset(table.name, LAYOUTS[table.name].label if table.name in LAYOUTS else table.name,
                        DESCRIPTIONS.get(table.name, ""), table, tuple(_fields(table)))
    for table in PUBLISHED_TABLES
}
