"""Inquiries (质询): how fast departments answer — 「哪个部门回复质询最慢」「质询平均多少天答复」.

The figures are ledger.queries.inquiries', the same function the public list (/inquiries) shows, with the
deployment's holidays (INQUIRY_HOLIDAYS) and the question's as-of date as today.
"""
from ledger.queries import inquiries as q_inquiries

from ..ir import Group, Kind, Order, Query
from ..vocab import found

COLUMNS = ["部门", "答复用时中位数（工作日）", "平均用时（工作日）", "质询数", "已答复", "办理中", "超期"]


def answer_time(ctx):
    """A question about inquiries: by department (slowest first; 「最快」 fastest first) or all together."""
    if not found("inquiry", ctx.text):
        return None
    s = ctx.slots
    by_dept = s.dept_each or (ctx.cues.has("department") and not s.depts)
    order = Order.ASC if found("fastest_answer", ctx.text) else Order.DESC
    # 「市教育局今年提了几次质询」: one department or one period, which these statistics do not cut (run declines)
    scoped = {"depts": s.depts, "period": s.period} if s.depts and not s.dept_each or (s.period and s.period.explicit) \
        else {}
    return Query(Kind.INQUIRY, topic="answer_days", group=Group.DEPT if by_dept else None,
                 order=order if by_dept else None, **scoped)


NEEDS_CONTEXT = True  # today and the holidays decide working days and overdue (nlq/kinds/__init__.run)


def run(conn, pub_id, query, lexicon, context=None):
    context = context or {}
    today, holidays = context.get("as_of"), _holidays(context.get("config"))
    if query.depts or (query.period and query.period.explicit):
        return {"kind": "figure", "topic": "answer_days", "value": None, "display": "—",
                "nothing": "质询的统计只按全部质询或各部门（全部时间）给出，不能按某个部门或某段时间回答；"
                           "请看质询列表（/inquiries）。"}, None
    if query.group == Group.DEPT:
        return _by_department(conn, query, lexicon, today, holidays), None
    return _summary(q_inquiries.answer_time_summary(conn, today, holidays)), None


def _holidays(config):
    return (config or {}).get("INQUIRY_HOLIDAYS") or frozenset()


def _by_department(conn, query, lexicon, today, holidays):
    stats = q_inquiries.answer_time_statistics(conn, lexicon.dept_names, today, holidays)
    assigned = [s for s in stats if s["department_code"] is not None]
    answered = [s for s in assigned if s["median_days"] is not None]
    if query.order == Order.ASC:  # fastest first, departments with nothing answered still last
        answered.sort(key=lambda s: (s["median_days"], s["overdue"], s["department_code"]))
    ranked = answered + [s for s in assigned if s["median_days"] is None]
    rows = [[s["department_name"] or s["department_code"], s["median_days"], s["mean_days"], s["total"],
             s["answered"], s["open"], s["overdue"]] for s in ranked]
    result = {"kind": "table", "topic": "answer_days", "unit": "个工作日", "columns": COLUMNS, "rows": rows,
              "keys": [s["department_code"] for s in ranked]}
    if not answered:
        result["sentence"] = "目前还没有部门答复过质询，暂无答复用时可比较。"
        return result
    first = answered[0]
    word = "最快" if query.order == Order.ASC else "最慢"
    result.update(value=first["median_days"], top=rows[0][0], display=f"{first['median_days']:g} 个工作日",
                  sentence=f"答复质询{word}的是{rows[0][0]}：答复用时中位数 {first['median_days']:g} 个工作日"
                           f"（已答复 {first['answered']} 件，超期 {first['overdue']} 件）。")
    unassigned = next((s for s in stats if s["department_code"] is None), None)
    if unassigned:
        result["sentence"] += f"另有 {unassigned['total']} 件尚未分派部门。"
    return result


def _summary(total):
    rows = [["质询数", total["total"]], ["已答复", total["answered"]], ["办理中", total["open"]],
            ["答复用时中位数（工作日）", total["median_days"]], ["平均用时（工作日）", total["mean_days"]],
            ["超期", total["overdue"]]]
    result = {"kind": "figure", "topic": "answer_days", "unit": "个工作日", "columns": ["项目", "数值"], "rows": rows}
    if not total["answered"]:
        return result | {"value": None, "display": "—",
                         "sentence": f"目前共有 {total['total']} 件质询，还没有已答复的，暂无答复用时。"}
    return result | {"value": total["mean_days"], "display": f"{total['mean_days']:g} 个工作日",
                     "sentence": f"已答复的 {total['answered']} 件质询平均用时 {total['mean_days']:g} 个工作日"
                                 f"（中位数 {total['median_days']:g} 个工作日），超期 {total['overdue']} 件。"}


def restate(query, lexicon, coverage=None):
    if query.group == Group.DEPT:
        return "各部门答复质询的用时（工作日），" + ("从快到慢" if query.order == Order.ASC else "从慢到快")
    return "全部质询的答复用时（工作日）"


def chips(query, lexicon):
    return [{"key": "time", "label": "时间", "value": "全部"},
            {"key": "region", "label": "地区", "value": "各部门" if query.group == Group.DEPT else lexicon.root_name},
            {"key": "class", "label": "科目", "value": "在线质询"},
            {"key": "measure", "label": "指标", "value": "答复用时（工作日）"},
            {"key": "order", "label": "排序", "value": restate(query, lexicon).split("，")[-1]
             if query.group == Group.DEPT else ""}]


def records(query, lexicon, pub_id, answer):
    """The public list of inquiries, where the same statistics are shown."""
    return {"records": "/inquiries"}
