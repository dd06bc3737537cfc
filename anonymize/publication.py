"""Publication-level controls run by the importer after record de-identification.

Individual-level table: payments to natural persons (payee_type 个人). Published columns that
describe the person besides the pseudonym: the subsidy type (purpose) and, for payments under
a project, the project. Township, age and sex are not published (address and ID number are
dropped), so the quasi-identifier of subsidy payments is the subsidy type; publication fails
if any subsidy type has fewer than k=5 distinct recipients. Payments to individual contractors
under a project are contract payments to a named (pseudonymised) party of a public contract; the
project identifies them by nature, so they are counted and reported, not k-checked.

Statistical table: distinct recipients by district of residence × subsidy type, computed from the
raw address and small-cell suppressed (<5, with complementary suppression), stored in the report.
"""
from collections import defaultdict

from . import policy
from .stats import K, require_k_anonymity, suppress_small_cells, table_to_json

QUASI_IDENTIFIERS = ("purpose",)


def apply_publication_controls(tables, published, deid, k=K):
    """Check k-anonymity (raises stats.KAnonymityError) and add the report sections to ``deid``."""
    person_rows = [r for r in published.get("payments", []) if r.get("payee_type") == policy.PERSON_TYPE_VALUE]
    subsidies = [r for r in person_rows if not r.get("project_code")]
    contract = [r for r in person_rows if r.get("project_code")]
    result = require_k_anonymity(subsidies, QUASI_IDENTIFIERS, "payee", k)
    result.pop("violations")
    result["table"] = "payments（收款人类型=个人，无项目）"
    result["contract_payments_to_individuals"] = {
        "rows": len(contract), "persons": len({r["payee"] for r in contract}),
        "note": "项目下支付给个人承包方的款项：收款人已假名化，项目本身公开，不做 k-匿名合并"}
    deid.extra["k_anonymity"] = result
    table = recipients_by_district_and_type(tables)
    if table:
        deid.extra["suppressed_cells"] = table["suppressed"]
        deid.extra["statistics"] = {"recipients_by_district_type": table}
    return deid.extra


def recipients_by_district_and_type(tables, k=K):
    """Distinct subsidy recipients per district of residence × subsidy type, small cells suppressed."""
    districts = {row["name"]: row["name"] for _f, _n, row in tables.get("regions", []) if row.get("level") == 1}
    short = {row.get("short_name") or row["name"]: row["name"] for _f, _n, row in tables.get("regions", [])
             if row.get("level") == 1}
    persons = defaultdict(set)
    district_of = {}  # address -> district: a person's address recurs in every payment they receive, and
    # a province has hundreds of districts to try (rows × districts would dominate the import)
    for _f, _n, row in tables.get("payments", []):
        if row.get("payee_type") != policy.PERSON_TYPE_VALUE or row.get("project_code"):
            continue
        address = row.get("payee_address") or ""
        district = district_of.get(address)
        if district is None:
            district = district_of[address] = next((name for name in districts if name in address), None) or next(
                (full for s, full in short.items() if s and s in address), "（住址未注明地区）")
        persons[(district, row.get("purpose") or "（未注明）")].add(row.get("payee_id_number") or row["payee"])
    if not persons:
        return None
    cells = {key: len(p) for key, p in persons.items()}
    result = suppress_small_cells(cells, k)
    out = table_to_json(result, "区县", "补贴类型")
    out["title"] = "各区县各类补贴受助人数（人，按身份证号去重；少于 5 人的单元格显示为「<5」）"
    return out
