"""The documented raw-data layout: one table per CSV file or XLSX sheet.

A file (or sheet) is recognised by its name: ``projects.csv``, ``项目.xlsx``, or a
sheet called ``payments`` / ``支付`` inside any workbook. Each column is named in the
header row either by its key or by its Chinese label. Amounts are in 元 (up to two
decimals). Dates are exactly YYYY-MM-DD (or a cell Excel itself types as a date).
``minimum``/``maximum`` bound numbers: budgets, investment and payments are never negative, while
monthly spending may be (a correction booked against an earlier month; the yearbook's rounding
remainder).

Columns marked ``pii`` hold raw personal data: they are read, used by
de-identification, and never published.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    type: str = "text"  # text | int | float | money | date | code
    required: bool = True
    pii: bool = False
    max_length: int = 2000
    minimum: float | None = None  # numbers: smallest accepted value (0: never negative)
    maximum: float | None = None


@dataclass(frozen=True)
class TableLayout:
    name: str
    label: str
    aliases: tuple
    columns: tuple = field(default_factory=tuple)
    # (column, column it needs): a row filling the first must fill the second too (validate.py).
    requires: tuple = field(default_factory=tuple)

    def column(self, key):
        return next(c for c in self.columns if c.key == key)


PERFORMANCE_COLUMNS = (
    Col("quality_target_pct", "质量目标（合格率%）", "float", required=False, minimum=0, maximum=100),
    Col("quality_actual_pct", "质量实际（合格率%）", "float", required=False, minimum=0, maximum=100),
    Col("unit_cost_target_yuan", "单位成本目标（元）", "money", required=False, minimum=0),
    Col("unit_cost_actual_yuan", "实际单位成本（元）", "money", required=False, minimum=0),
    Col("benefit_name", "效益指标", required=False, max_length=64),  # 受益人口, 新增入园幼儿 …
    Col("benefit_unit", "效益计量单位", required=False, max_length=16),
    Col("benefit_target", "效益目标值", "float", required=False, minimum=0),
    Col("benefit_actual", "效益实际值", "float", required=False, minimum=0),
    Col("satisfaction_target_pct", "满意度目标（%）", "float", required=False, minimum=0, maximum=100),
    Col("satisfaction_actual_pct", "满意度调查（%）", "float", required=False, minimum=0, maximum=100),
)
PERFORMANCE_REQUIRES = (
    ("quality_actual_pct", "quality_target_pct"), ("unit_cost_actual_yuan", "unit_cost_target_yuan"),
    ("unit_cost_actual_yuan", "output_actual"), ("benefit_target", "benefit_name"),
    ("benefit_actual", "benefit_target"), ("satisfaction_actual_pct", "satisfaction_target_pct"),
)

LAYOUTS = {
    t.name: t
    for t in [
        TableLayout("regions", "地区", ("regions", "地区", "行政区划"), (
            Col("code", "地区代码", "code"),
            Col("name", "地区名称"),
            Col("short_name", "简称", required=False),
            Col("parent_code", "上级地区代码", "code", required=False),
            Col("level", "层级", "int", minimum=0),
            Col("population", "常住人口", "int", required=False, minimum=0),
        )),
        TableLayout("departments", "预算单位", ("departments", "预算单位", "部门"), (
            Col("code", "单位代码", "code"),
            Col("name", "单位名称"),
            Col("region_code", "地区代码", "code"),
        )),
        TableLayout("func_classes", "功能分类科目", ("func_classes", "功能分类", "功能分类科目", "科目"), (
            Col("code", "科目编码", "code"),
            Col("name", "科目名称"),
        )),
        TableLayout("budgets", "年度预算", ("budgets", "预算", "年度预算"), (
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("region_code", "地区代码", "code"),
            Col("dept_code", "单位代码", "code", required=False),
            Col("class_code", "科目编码", "code"),
            Col("budget_yuan", "预算数（元）", "money", minimum=0),
        )),
        TableLayout("expenditures", "月度支出", ("expenditures", "支出", "月度支出", "执行"), (
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("month", "月份", "int", minimum=0, maximum=12),  # 0: a whole year without months
            Col("region_code", "地区代码", "code"),
            Col("dept_code", "单位代码", "code", required=False),
            Col("class_code", "科目编码", "code"),
            Col("amount_yuan", "支出数（元）", "money"),
        )),
        TableLayout("projects", "项目", ("projects", "项目", "项目库"), (
            Col("code", "项目编号", "code"),
            Col("name", "项目名称"),
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("region_code", "地区代码", "code"),
            Col("dept_code", "单位代码", "code"),
            Col("class_code", "科目编码", "code"),
            Col("category", "项目类别"),
            Col("location", "建设地点", required=False),
            Col("township_code", "乡镇街道代码", "code", required=False),  # townships.code: 「我身边」的项目
            Col("total_investment_yuan", "总投资（元）", "money", minimum=0),
            Col("annual_plan_yuan", "年度计划（元）", "money", minimum=0),
            Col("disbursed_yuan", "已支付（元）", "money", minimum=0),
            Col("output_name", "产出指标", required=False),
            Col("output_unit", "计量单位", required=False),
            Col("output_planned", "计划产出", "float", required=False, minimum=0),
            Col("output_actual", "实际产出", "float", required=False, minimum=0),
            Col("start_date", "开工日期", "date", required=False),
            Col("end_date", "计划完工日期", "date", required=False),
            Col("completed_date", "实际完工日期", "date", required=False),
            Col("status", "项目状态"),
            Col("progress_pct", "形象进度（%）", "int", minimum=0, maximum=100),
            Col("contractor", "承建单位", required=False),
            Col("contractor_type", "承建方类型", required=False),  # 单位 / 个人
            Col("contractor_id_number", "承建人身份证号", required=False, pii=True),
            Col("contractor_phone", "承建人联系电话", required=False, pii=True),
            Col("description", "项目简介", required=False, max_length=20000),
            # 绩效目标与实际 (optional; ledger/performance.py): 产出数量 is 计划产出/实际产出 above and 产出时效
            # the dates; the rest are here. An actual value without its target cannot be judged: refused.
            *PERFORMANCE_COLUMNS,
        ), PERFORMANCE_REQUIRES),
        TableLayout("project_updates", "项目进展", ("project_updates", "进展", "项目进展"), (
            Col("project_code", "项目编号", "code"),
            Col("date", "日期", "date"),
            Col("progress_pct", "形象进度（%）", "int", minimum=0, maximum=100),
            Col("note", "进展说明", required=False, max_length=20000),
        )),
        TableLayout("payments", "支付明细", ("payments", "支付", "支付明细", "国库支付"), (
            Col("id", "凭证号", "code"),
            Col("project_code", "项目编号", "code", required=False),
            Col("date", "支付日期", "date"),
            Col("amount_yuan", "金额（元）", "money", minimum=0),
            Col("payee", "收款人"),
            Col("payee_type", "收款人类型"),  # 单位 / 个人
            Col("payee_id_number", "收款人身份证号", required=False, pii=True),
            Col("payee_phone", "收款人电话", required=False, pii=True),
            Col("payee_bank_card", "收款账号", required=False, pii=True),
            Col("payee_address", "收款人住址", required=False, pii=True),
            Col("purpose", "用途", required=False),
        )),
        TableLayout("documents", "报告文档", ("documents", "文档", "报告", "报告文档"), (
            Col("slug", "文档编号", "code"),
            Col("title", "标题"),
            Col("doc_type", "类型"),
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("region_code", "地区代码", "code", required=False),
            Col("published_date", "发布日期", "date", required=False),
            Col("body", "正文", max_length=2_000_000),
        )),
        # 乡镇/街道 of each district (optional): projects name theirs by code (项目「乡镇街道代码」).
        TableLayout("townships", "乡镇街道", ("townships", "乡镇街道", "乡镇", "街道"), (
            Col("code", "乡镇街道代码", "code"),
            Col("name", "乡镇街道名称"),
            Col("region_code", "地区代码", "code"),
        )),
        # 二级预算单位 (optional): schools, hospitals, centres under a department, with budgets and
        # monthly spending that break down part of their department's (which keeps its own totals).
        TableLayout("units", "二级预算单位", ("units", "二级预算单位", "二级单位"), (
            Col("code", "二级单位代码", "code"),
            Col("name", "二级单位名称"),
            Col("dept_code", "单位代码", "code"),
            Col("kind", "单位类型", required=False),  # 学校 / 医院 / 事业单位 …
        )),
        TableLayout("unit_budgets", "二级单位预算", ("unit_budgets", "二级单位预算"), (
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("unit_code", "二级单位代码", "code"),
            Col("class_code", "科目编码", "code"),
            Col("budget_yuan", "预算数（元）", "money", minimum=0),
        )),
        TableLayout("unit_expenditures", "二级单位支出", ("unit_expenditures", "二级单位支出"), (
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("month", "月份", "int", minimum=0, maximum=12),
            Col("unit_code", "二级单位代码", "code"),
            Col("class_code", "科目编码", "code"),
            Col("amount_yuan", "支出数（元）", "money"),
        )),
        # Supervision (监督预警, ledger/supervision): optional; without them the plan, progress-risk and
        # award-window rules have nothing to compare and stay silent.
        TableLayout("project_plans", "项目分年度计划", ("project_plans", "分年度计划", "项目分年度计划", "年度计划"), (
            Col("project_code", "项目编号", "code"),
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("plan_yuan", "年度计划（元）", "money", minimum=0),
            Col("actual_yuan", "年度实际支付（元）", "money", required=False, minimum=0),
        )),
        TableLayout("project_quarters", "项目季度进度", ("project_quarters", "季度进度", "项目季度进度"), (
            Col("project_code", "项目编号", "code"),
            Col("year", "年度", "int", minimum=1900, maximum=2100),
            Col("quarter", "季度", "int", minimum=1, maximum=4),
            Col("planned_pct", "计划形象进度（%）", "int", minimum=0, maximum=100),
            Col("actual_pct", "实际形象进度（%）", "int", required=False, minimum=0, maximum=100),
        )),
        TableLayout("project_contracts", "项目合同", ("project_contracts", "合同", "项目合同", "中标"), (
            Col("project_code", "项目编号", "code"),
            Col("award_date", "中标日期", "date"),
            Col("contract_yuan", "合同金额（元）", "money", required=False, minimum=0),
        )),
    ]
}

# Import order: referenced tables first.
IMPORT_ORDER = ["regions", "departments", "func_classes", "budgets", "expenditures",
                "projects", "project_updates", "payments", "documents",
                "project_plans", "project_quarters", "project_contracts",
                "townships", "units", "unit_budgets", "unit_expenditures"]
REQUIRED_TABLES = ["regions", "func_classes"]


def layout_for_name(name):
    """Match a file stem or sheet name to a table layout, or None."""
    key = name.strip().lower()
    for layout in LAYOUTS.values():
        if key in (a.lower() for a in layout.aliases):
            return layout
    return None
