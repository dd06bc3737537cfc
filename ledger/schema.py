"""The published data model (SQLAlchemy Core).

Every published table carries ``publication_id``: an import writes a whole new
publication in one transaction and only then marks it current, so readers keep
seeing the previous publication until the new one is complete, and a permalink
to an old publication keeps showing that publication's figures.

Amounts are integer fen (1 元 = 100 fen); nothing is stored as float.
Only de-identified data is ever written here: raw files never enter the database.
"""
from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _pub():
    return Column("publication_id", Integer, ForeignKey("publications.id"), nullable=False, index=True)


# Columns added to a published table after publications already existed: a publication made before
# holds no value in them, so they leave its digest unchanged (ledger/integrity.py), and existing
# databases get them on start-up (ledger/db.py; create_all only creates missing tables).
ADDED = {"added": True}


publications = Table(
    "publications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False),
    # building -> published | failed. Only 'published' rows are ever served.
    Column("status", String(16), nullable=False),
    Column("dataset", String(64), nullable=False),  # e.g. "示例市" demo, "yearbook"
    Column("title", String(200), nullable=False),
    Column("is_demo", Integer, nullable=False, default=0),
    Column("as_of", Date),  # last full month covered by the data
    Column("source_files", JSON, nullable=False),  # [{name, sha256, rows}]
    Column("row_counts", JSON, nullable=False),  # {table: n}
    Column("deid_report", JSON, nullable=False),  # what de-identification found and changed
    Column("data_sha256", String(64)),  # hash of the published rows (integrity chain)
    Column("prev_sha256", String(64)),
    Column("created_by", String(64)),
    Column("error", Text),
)

regions = Table(
    "regions",
    metadata,
    _pub(),
    Column("code", String(12), nullable=False),  # 6-digit administrative code
    Column("name", String(64), nullable=False),
    Column("short_name", String(32), nullable=False),
    Column("parent_code", String(12)),
    Column("level", SmallInteger, nullable=False),  # 0 = city/nation, 1 = district/province
    Column("population", Integer),  # residents, for per-capita figures
    Index("ix_regions_pub_code", "publication_id", "code", unique=True),
)

departments = Table(
    "departments",
    metadata,
    _pub(),
    Column("code", String(16), nullable=False),
    Column("name", String(128), nullable=False),
    Column("region_code", String(12), nullable=False),
    Index("ix_departments_pub_code", "publication_id", "code", unique=True),
)

# 政府收支分类科目 (functional classification): 类 (3 digits) and 款 (5 digits).
func_classes = Table(
    "func_classes",
    metadata,
    _pub(),
    Column("code", String(8), nullable=False),
    Column("name", String(64), nullable=False),
    Column("parent_code", String(8)),
    Column("level", SmallInteger, nullable=False),  # 1 = 类, 2 = 款
    Index("ix_classes_pub_code", "publication_id", "code", unique=True),
)

# Annual budget per region x department x class (class at 款 or 类 level).
budgets = Table(
    "budgets",
    metadata,
    _pub(),
    Column("year", SmallInteger, nullable=False),
    Column("region_code", String(12), nullable=False),
    Column("dept_code", String(16)),  # null when the source has no department breakdown
    Column("class_code", String(8), nullable=False),
    Column("budget_fen", BigInteger, nullable=False),
    Index("ix_budgets_lookup", "publication_id", "year", "region_code", "class_code"),
    # A department's pages and answers (the pre-aggregated sums hold no departments): its rows only.
    Index("ix_budgets_dept", "publication_id", "dept_code", "year"),
)

# Monthly actual expenditure (not cumulative). month 0 = whole year with no monthly breakdown.
expenditures = Table(
    "expenditures",
    metadata,
    _pub(),
    Column("year", SmallInteger, nullable=False),
    Column("month", SmallInteger, nullable=False),
    Column("region_code", String(12), nullable=False),
    Column("dept_code", String(16)),
    Column("class_code", String(8), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Index("ix_exp_lookup", "publication_id", "year", "month", "region_code", "class_code"),
    Index("ix_exp_dept", "publication_id", "dept_code", "year", "month"),
)

projects = Table(
    "projects",
    metadata,
    _pub(),
    Column("code", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("year", SmallInteger, nullable=False),  # budget year the project is funded in
    Column("region_code", String(12), nullable=False),
    Column("dept_code", String(16), nullable=False),
    Column("class_code", String(8), nullable=False),
    Column("category", String(32), nullable=False),  # 农村公路, 学校建设, 养老服务 ...
    Column("location", String(128)),  # township/street level at most
    Column("total_investment_fen", BigInteger, nullable=False),
    Column("annual_plan_fen", BigInteger, nullable=False),
    Column("disbursed_fen", BigInteger, nullable=False),
    Column("output_name", String(32)),  # 新建改建农村公路
    Column("output_unit", String(16)),  # 公里
    Column("output_planned", Float),
    Column("output_actual", Float),
    Column("start_date", Date),
    Column("end_date", Date),  # planned completion
    Column("completed_date", Date),
    Column("status", String(16), nullable=False),  # 未开工 / 在建 / 已完工 / 滞后
    Column("progress_pct", SmallInteger, nullable=False, default=0),
    Column("contractor", String(128)),  # a company, or a de-identified individual
    Column("description", Text),
    # 乡镇/街道 the project is in (townships.code); added after the first release (see ADDED).
    Column("township_code", String(16), info=ADDED),
    # 绩效目标与实际 (issue #16; ledger/performance.py), added later too.
    Column("quality_target_pct", Float, info=ADDED),
    Column("quality_actual_pct", Float, info=ADDED),
    Column("unit_cost_target_fen", BigInteger, info=ADDED),
    Column("unit_cost_actual_fen", BigInteger, info=ADDED),
    Column("benefit_name", String(64), info=ADDED),
    Column("benefit_unit", String(16), info=ADDED),
    Column("benefit_target", Float, info=ADDED),
    Column("benefit_actual", Float, info=ADDED),
    Column("satisfaction_target_pct", Float, info=ADDED),
    Column("satisfaction_actual_pct", Float, info=ADDED),
    Index("ix_projects_pub_code", "publication_id", "code", unique=True),
    Index("ix_projects_filter", "publication_id", "year", "region_code", "class_code"),
    # A contractor's projects (/contractors/<name>, the question box's 「某公司的项目」 and its rankings).
    Index("ix_projects_contractor", "publication_id", "contractor"),
)

# The /projects sorts (ledger/queries/projects.py SORTS: the figure descending, then the code): a page is
# read in index order instead of sorting every project of the publication (province scale: 40,000) per
# request. The code belongs in the index: thousands of projects tie at 100 % progress, and a partial sort
# of the ties computes every tied row's plan and payments first.
Index("ix_projects_order_investment", projects.c.publication_id, projects.c.total_investment_fen.desc(),
      projects.c.code)
Index("ix_projects_order_disbursed", projects.c.publication_id, projects.c.disbursed_fen.desc(), projects.c.code)
Index("ix_projects_order_progress", projects.c.publication_id, projects.c.progress_pct.desc(), projects.c.code)

project_updates = Table(
    "project_updates",
    metadata,
    _pub(),
    Column("project_code", String(32), nullable=False),
    Column("date", Date, nullable=False),
    Column("progress_pct", SmallInteger, nullable=False),
    Column("note", Text),
    Index("ix_updates_project", "publication_id", "project_code"),
)

payments = Table(
    "payments",
    metadata,
    _pub(),
    Column("id", String(32), nullable=False),  # voucher number from the source
    Column("project_code", String(32)),
    Column("date", Date, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("payee", String(128), nullable=False),  # company name, or a pseudonym for a person
    Column("payee_type", String(8), nullable=False),  # 单位 / 个人
    Column("purpose", String(200)),
    Index("ix_payments_project", "publication_id", "project_code"),
    Index("ix_payments_date", "publication_id", "date"),
    # A year's payments page counts and sums the year (province scale: ~800,000 rows): from this
    # covering index, without reading the table rows.
    Index("ix_payments_date_amount", "publication_id", "date", "amount_fen"),
    # What one payee was paid (/contractors/<name>: newest first, the count and sum, by year), from this
    # covering index instead of a scan of every payment (×2: 260 ms a page; province scale: 2,000,000 rows).
    Index("ix_payments_payee", "publication_id", "payee", "date", "amount_fen"),
    # The newest payments of one purpose (the question page lists the vouchers a 「<project> 结算款」 names).
    Index("ix_payments_purpose_date", "publication_id", "purpose", "date"),
)

documents = Table(
    "documents",
    metadata,
    _pub(),
    Column("slug", String(64), nullable=False),
    Column("title", String(200), nullable=False),
    Column("doc_type", String(32), nullable=False),  # 预算报告 / 决算报告 / 执行情况 / 白皮书 ...
    Column("year", SmallInteger, nullable=False),
    Column("region_code", String(12)),
    Column("published_date", Date),
    Column("body", Text, nullable=False),  # plain text / markdown-ish paragraphs, de-identified
    Index("ix_documents_pub_slug", "publication_id", "slug", unique=True),
)

# ---- Supervision (监督预警): what the rules in ledger/supervision compare against -------------
# New tables rather than new columns on ``projects``: create_all adds them to existing databases.

# Annual spending plan of a (multi-year) project and what was actually paid in that year.
project_plans = Table(
    "project_plans",
    metadata,
    _pub(),
    Column("project_code", String(32), nullable=False),
    Column("year", SmallInteger, nullable=False),
    Column("plan_fen", BigInteger, nullable=False),  # planned spending in this calendar year
    Column("actual_fen", BigInteger),  # actually paid in this year (to date for the current year)
    Index("ix_project_plans_project", "publication_id", "project_code"),
)

# Planned physical progress at each quarter end, and the progress reported at that quarter end.
project_quarters = Table(
    "project_quarters",
    metadata,
    _pub(),
    Column("project_code", String(32), nullable=False),
    Column("year", SmallInteger, nullable=False),
    Column("quarter", SmallInteger, nullable=False),  # 1..4
    Column("planned_pct", SmallInteger, nullable=False),
    Column("actual_pct", SmallInteger),  # null for quarters not reached yet
    Index("ix_project_quarters_project", "publication_id", "project_code"),
)

# The contract award (中标) of a project: when, and for how much. The winner is projects.contractor.
project_contracts = Table(
    "project_contracts",
    metadata,
    _pub(),
    Column("project_code", String(32), nullable=False),
    Column("award_date", Date, nullable=False),
    Column("contract_fen", BigInteger),
    Index("ix_project_contracts_project", "publication_id", "project_code"),
)

# Every supervision flag of a publication at a month end, computed once when the publication is written
# (ledger/supervision/store.py). Derived, not published data: not hashed, not downloadable. ``version``
# names the rules and code that computed them; flags of another version are computed afresh instead.
supervision_flags = Table(
    "supervision_flags",
    metadata,
    _pub(),
    Column("year", SmallInteger, nullable=False),
    Column("month", SmallInteger, nullable=False),
    Column("version", String(32), nullable=False),
    Column("flags", Text, nullable=False),  # JSON: [{kind, subject, code, …, figures, links}]
    Index("ix_supervision_flags_moment", "publication_id", "year", "month", unique=True),
)

# ---- Near me and second-level units (issue #17) -------------------------------------------------

# 乡镇/街道 below the districts: where a citizen looks for projects near them.
townships = Table(
    "townships",
    metadata,
    _pub(),
    Column("code", String(16), nullable=False),  # 9-digit 乡级 code (district code + 3 digits)
    Column("name", String(64), nullable=False),  # 桃坞街道, 官庄镇
    Column("region_code", String(12), nullable=False),  # the district it belongs to
    Index("ix_townships_pub_code", "publication_id", "code", unique=True),
)

# 二级预算单位: schools, hospitals, centres under a department (departments.code). Their budgets and
# spending break down part of their department's rows in budgets/expenditures, which stay the
# department's totals: a department = its own office (本级) + its second-level units.
units = Table(
    "units",
    metadata,
    _pub(),
    Column("code", String(24), nullable=False),
    Column("name", String(128), nullable=False),
    Column("dept_code", String(16), nullable=False),
    Column("kind", String(16)),  # 学校 / 医院 / 事业单位 …
    Index("ix_units_pub_code", "publication_id", "code", unique=True),
)

unit_budgets = Table(
    "unit_budgets",
    metadata,
    _pub(),
    Column("year", SmallInteger, nullable=False),
    Column("unit_code", String(24), nullable=False),
    Column("class_code", String(8), nullable=False),
    Column("budget_fen", BigInteger, nullable=False),
    Index("ix_unit_budgets_lookup", "publication_id", "unit_code", "year"),
)

# Monthly actual spending of a second-level unit (not cumulative), as in expenditures.
unit_expenditures = Table(
    "unit_expenditures",
    metadata,
    _pub(),
    Column("year", SmallInteger, nullable=False),
    Column("month", SmallInteger, nullable=False),
    Column("unit_code", String(24), nullable=False),
    Column("class_code", String(8), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Index("ix_unit_exp_lookup", "publication_id", "unit_code", "year", "month"),
)

# ---- Pre-aggregated sums (ledger/summaries.py) ----------------------------------------------------
# Derived from a publication's budgets and expenditures when it is written (and, for databases made
# before they existed, on start-up): the same sums over fewer rows, read by ledger/queries only where
# they give the raw rows' result exactly. Not published data: not hashed, not downloadable.

# Spending summed over departments, per year × month × region × 类 (the class code's first 3 digits).
expenditure_sums = Table(
    "expenditure_sums",
    metadata,
    _pub(),
    Column("year", SmallInteger, nullable=False),
    Column("month", SmallInteger, nullable=False),
    Column("region_code", String(12), nullable=False),
    Column("class_code", String(8), nullable=False),  # 类 only
    Column("amount_fen", BigInteger, nullable=False),
    Index("ix_exp_sums_lookup", "publication_id", "year", "month", "region_code", "class_code"),
    Index("ix_exp_sums_region", "publication_id", "region_code", "year", "month"),  # one district's months
)

# Annual budgets summed over departments, per year × region × 类.
budget_sums = Table(
    "budget_sums",
    metadata,
    _pub(),
    Column("year", SmallInteger, nullable=False),
    Column("region_code", String(12), nullable=False),
    Column("class_code", String(8), nullable=False),  # 类 only
    Column("budget_fen", BigInteger, nullable=False),
    Index("ix_budget_sums_lookup", "publication_id", "year", "region_code", "class_code"),
)

# Which publications' sums are complete, and by which version of their recipe (a new recipe rebuilds).
summary_builds = Table(
    "summary_builds",
    metadata,
    Column("publication_id", Integer, ForeignKey("publications.id"), primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
)

SUMMARY_TABLES = [expenditure_sums, budget_sums]

# ---- Portal-owned tables (not part of a publication) ------------------------

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_code", String(32), nullable=False, index=True),
    Column("rating", SmallInteger, nullable=False),
    Column("body", Text, nullable=False),  # already de-identified
    Column("status", String(16), nullable=False),  # pending / approved / rejected
    Column("created_at", DateTime, nullable=False),
    Column("client_hash", String(64), nullable=False),  # keyed hash, never the raw IP
    Column("body_hash", String(64), nullable=False),  # duplicate suppression
    Column("reject_reason", Text),
    Column("reply", Text),
    Column("reply_at", DateTime),
    Column("moderated_by", String(64)),
)

staff_users = Table(
    "staff_users",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(256), nullable=False),
    Column("role", String(16), nullable=False),  # admin / publisher / moderator
    Column("created_at", DateTime, nullable=False),
)

# Staff logins held on the server: the cookie carries a random token whose SHA-256 is the id here, so
# logout, a password or a role change revokes a login by deleting its rows (a signed cookie alone
# cannot be revoked). New tables rather than new columns: create_all adds them to existing databases.
staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 (hex) of the cookie's token
    Column("username", String(64), ForeignKey("staff_users.username"), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
)

# Failed logins per account (a staff username, or "*" for names that are no account): the lockout with
# exponential backoff, and the one audit row of the current window that counts them.
login_failures = Table(
    "login_failures",
    metadata,
    Column("account", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime, nullable=False),
    Column("locked_until", DateTime),
    Column("audit_id", Integer),
    Column("audit_since", DateTime),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("username", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(128)),
    Column("detail", JSON),
)

question_log = Table(
    "question_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("question", Text, nullable=False),  # de-identified
    Column("kind", String(32)),
    Column("confidence", Float),
    Column("client_hash", String(64)),
)

# Inquiries (在线质询) about a figure, project or department: question and contact de-identified
# before storage; the private follow-up link's token is kept only as its SHA-256.
inquiries = Table(
    "inquiries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("subject_kind", String(16), nullable=False),  # figure / project / department
    Column("subject_ref", String(64)),  # project or department code
    Column("subject_url", String(512)),  # local path of the page asked about
    Column("subject_label", String(200)),  # the figure or name as shown on that page
    Column("question", Text, nullable=False),  # already de-identified
    Column("contact", String(200)),  # already de-identified
    Column("status", String(16), nullable=False),  # accepted / in_progress / answered / declined
    Column("department_code", String(16), index=True),  # assigned department
    Column("reply", Text),
    Column("decline_reason", Text),
    Column("created_at", DateTime, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("answered_at", DateTime),  # answered or declined
    Column("delegate", String(64)),  # the 人大代表 account that raised it, if any
    Column("client_hash", String(64), nullable=False),
    Column("body_hash", String(64), nullable=False),
    Column("handled_by", String(64)),
)

# A comment's private follow-up link: only the token's SHA-256 is kept.
comment_followups = Table(
    "comment_followups",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("comment_id", Integer, ForeignKey("comments.id"), nullable=False, index=True),
)

PUBLISHED_TABLES = [
    regions,
    departments,
    func_classes,
    budgets,
    expenditures,
    projects,
    project_updates,
    payments,
    documents,
    project_plans,
    project_quarters,
    project_contracts,
    townships,
    units,
    unit_budgets,
    unit_expenditures,
]
