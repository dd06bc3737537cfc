"""What the question page shows of the records behind an answer, so that a first-time user sees them
on the first screen and not only behind 「查看背后的记录」: the first rows of the answer's own records
link (the projects of a contractor, the payments to a payee or for a purpose), read through that list's
JSON twin — the same filters, order and count as the page the link opens."""
import json
from urllib.parse import parse_qsl, urlsplit

from flask import current_app

from ledger.money import format_amount

PREVIEW_ROWS = 5
# records link path -> (view, its kwargs, key of the table in the JSON, [(column key, label)] shown)
PREVIEWS = {
    "/projects": ("pages.projects", {}, "projects",
                  [("name", "项目"), ("year", "年度"), ("region_name", "地区"), ("status", "状态"),
                   ("total_investment", "总投资")]),
    "/records/payments": ("pages.records", {"kind": "payments"}, "records",
                          [("id", "凭证号"), ("date", "支付日期"), ("payee", "收款人"), ("purpose", "用途"),
                           ("amount", "金额")]),
}
AMOUNTS = ("total_investment", "amount")  # yuan in the JSON twins


def records_preview(url, rows=PREVIEW_ROWS):
    """{"kind", "labels", "rows" (cells of {"text", "url"}), "total", "url"} of the first ``rows`` records
    behind an answer's records link, or None when the link is not a list of projects or payments (a
    figure's records are line items that the answer's own table already sums up)."""
    if not url:
        return None
    parts = urlsplit(url)
    known = PREVIEWS.get(parts.path)
    if known is None:
        return None
    endpoint, view_args, key, shown = known
    args = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("page", "per_page")]
    with current_app.test_request_context(parts.path + ".json", query_string=[*args, ("per_page", rows)]):
        try:
            response = current_app.view_functions[endpoint](fmt="json", **view_args)
        except Exception:  # noqa: BLE001 - a preview never breaks the answer above it
            current_app.logger.warning("records preview failed for %s", url, exc_info=True)
            return None
    payload = json.loads(response.get_data(as_text=True))
    records = (payload.get(key) or {}).get("rows") or []
    return {"kind": parts.path.rsplit("/", 1)[-1], "labels": [label for _, label in shown],
            "rows": [[_cell(record, column) for column, _ in shown] for record in records],
            "total": payload.get("count", 0), "url": url}


def _cell(record, column):
    value = record.get(column)
    if column in AMOUNTS and value is not None:
        value = format_amount(round(value * 100))
    return {"text": "—" if value is None else str(value), "url": record.get(f"{column}_url")}
