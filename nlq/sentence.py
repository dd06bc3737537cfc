"""The one-sentence answer that comes first (「2021年星桥区教育支出3.73亿元，比枫林区少4.56亿元」): built from the
question as understood and the answer's own cells, so it never states a figure the table does not show."""

import re

MAX_LISTED = 3
# a row named with the unit of its raw cell (「支付金额（元）」): the sentence states the shown cell, which carries
# its own unit, so the name goes without it
UNIT_IN_NAME = re.compile(r"（(?:元|万元|亿元|个|笔|份|人|%|百分点)）$")


def sentence(understood, answer):
    """One sentence for ``answer`` (a dict of nlq.kinds), or None when there is nothing to state."""
    if not answer:
        return None
    if answer.get("kind") == "decline":
        return answer.get("message")
    if answer.get("sentence"):  # a kind that words its own answer (supervision flags)
        return answer["sentence"]
    rows = answer.get("rows") or []
    if _is_difference(answer, rows):
        return _difference(understood, answer, rows)
    if answer.get("display") and answer.get("kind") == "figure" or answer.get("unit") == "%" and answer.get("display"):
        return _figure(understood, answer)
    if rows:
        return _listing(understood, answer, rows)
    return None


def _cell(row):
    """The shown value of a row (its last cell, e.g. 「3.73 亿元」)."""
    return str(row[-1]).replace(" ", "")


def _figure(understood, answer):
    extra = f"（涉及{answer['projects']}个项目）" if answer.get("projects") else ""
    return f"{understood}为{answer['display'].replace(' ', '')}{extra}。"


def _is_difference(answer, rows):
    """「A比B多多少」: a figure that is the difference of the two rows beside it."""
    if answer.get("kind") != "figure" or len(rows) != 2 or not answer.get("display") or answer.get("value") is None \
            or min(len(rows[0]), len(rows[1])) < 2:  # two names listed (a count of two units): no difference
        return False
    a, b = rows[0][1], rows[1][1]
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(abs(a - b) - abs(answer["value"])) < 0.01


def _difference(understood, answer, rows):
    """Name the larger side and the difference: 「A 3.73亿元，比B少4.56亿元」."""
    (first, *_), (second, *_) = rows
    more = rows[0][1] >= rows[1][1]
    gap = answer["display"].replace(" ", "").lstrip("-−")
    return f"{understood}：{first}{_cell(rows[0])}，{second}{_cell(rows[1])}，{first}比{second}{'多' if more else '少'}{gap}。"


def _listing(understood, answer, rows):
    """「…：云峰县99.4%、竹源县97.2%、鹭洲区96.2%等10项」: the first rows in the table's order; a row of many
    columns (projects) by its name only."""
    place = answer.get("position")
    if isinstance(place, int) and 1 < place <= len(rows) and answer.get("kind") == "table":
        return _nth(understood, rows, place)
    shown = [_item(row) for row in rows[:MAX_LISTED]]
    if len(rows[0]) != 3 and isinstance(answer.get("value"), int) and answer.get("unit") == "个":
        shown[0] += f"（{answer['value']}个）"  # 「承建项目最多的企业」: the count it is ranked by
    total = answer.get("count") or len(rows)
    more = f"等{total}项" if total > MAX_LISTED else ""
    return f"{understood}：{'、'.join(shown)}{more}。"


def _item(row):
    return f"{UNIT_IN_NAME.sub('', str(row[0]))}{_cell(row)}" if len(row) == 3 else str(row[0])


def _nth(understood, rows, place):
    """「第2名」 asked: that place named first, the places above it after it in brackets (the table lists them
    all in order), so the first name read is never taken for the one asked about."""
    above = "、".join(f"第{i}名{_item(row)}" for i, row in enumerate(rows[:place - 1], start=1))
    return f"{understood}：第{place}名是{_item(rows[place - 1])}（{above}）。"
