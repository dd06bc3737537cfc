"""First-time-user tasks (tests/eval/sets/tasks/tasks_blind1.README.md): load a set, check it against the
served instance, read the first screen of a result page, and judge it.

A task is one query typed once into the home page's box. It succeeds when its target is on the FIRST
SCREEN of the page the box leads to: shown (not hidden, not clipped by a scrolling container, non-zero
size) with its box inside the viewport (top < viewport height, bottom > 0, left < width, right > 0), after
the page loaded, without scrolling. Only DOM text and links count (a number drawn in a chart canvas does
not).

Reading the page (``SCREEN_JS``): every text node of <body> (not script/style/template) in document
order, each with the text of its column header when it sits in a table cell (the <th> over its column,
plus the table's <caption>), and whether it is on the first screen (a text node only partly on it keeps
only its characters that are); every <a href> with its resolved path and whether it is on the first
screen. Text nodes of one block are joined without a gap, blocks with a line break, table cells with
" | " (so a unit in one cell never attaches to a number in the next).

Matching rules (written before the first run):

- Numbers: ASCII digits with optional thousands commas and decimals (1,234.56 / 30.24 / 68), not part
  of a longer token (a code such as 2021-990000-0007, GK20260009135, a date 2026-10-31: a number next to
  a letter, digit, "-" or "/" is no number).
- Unit of a number: the unit written right after it (spaces allowed): 亿元 / 亿 (×1e8), 万元 / 万 (×1e4),
  元, % or ％, 公里 or km, and for counts 个 项 所 名 座 家 条 笔 处. A bare 亿/万 followed by another
  Chinese character than 元 (万人, 万平方米) is not money. With no unit written after it, a number in a
  table cell takes the unit named in its column header or caption (亿元 / 万元 / 元 / % / 公里).
- Money (元): a shown amount A in unit U matches target V when |A×U − V| ≤ half a unit of A's last shown
  digit (×U), i.e. V rounds to what is shown (30.24 亿元 or 302,399.98 万元 for 3,023,999,776.58 元), and
  that half step is at most 1 % of V (so "30 亿" does not stand for 30.24 亿); an amount exactly equal
  to V always counts.
- Percent: the same with %: 68.4% for 68.4; "5%" for 5.0 (equal); 68% for 68.4 (rounding, step ≤ 1 %).
- 公里: the same with 公里/km.
- 个 (counts): the exact integer, followed by a counting word (个 项 所 名 座 家 条 笔 处), or in a
  column headed with 个/数, or alone as the whole text of an element (a headline figure).
- A figure target matches its ``value`` or any ``also_accept`` value.
- project: a link whose path is /projects/<code> (or below it), for the target's code or any of
  ``any_of``; or the result page itself is /projects/<code>.
- document: a link whose path is /documents/<slug> (or below it), for the slug or any of ``any_of``;
  or the result page itself is that document.
- payment: a payment id (凭证号) of the target's full id set (re-read from the instance with the task's
  SQL; ``ids``/``sample_ids`` are only a sample) shown as text, as a whole token.
  Partial (never a success): a link to a project that one of the target payments belongs to.
- budget_line: any row's amount, or the department's total budget for that year (all its rows, read from
  the instance), shown as money by the money rule.
- decline (written before tasks_blind2's first run): the first screen says the portal cannot answer — the
  answer page's 「无法回答」 notice, or a search page's 「没有找到相关结果」 — and no answer figure is shown
  (an /ask page with 「无法回答」 never shows one). Search results with hits are not a decline: they do
  not say that the data has no answer.

Failure classes: "error page" (HTTP status ≥ 400), "on the page but below the first screen" (the target
matched only off the first screen), "partial: project of the payments on first screen", "not on the page".
"""
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

PUBLICATION = "(SELECT max(id) FROM publications WHERE status='published')"

# ---- loading and checking the set against the instance ----------------------------------------------


def load_tasks(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _close(got, stored):
    return got is not None and abs(float(got) - float(stored)) <= 0.005 + 1e-9


def _ids(conn, sql):
    assert sql.lstrip().upper().startswith("SELECT"), "a task's SQL must be a SELECT"
    return [row[0] for row in conn.execute(sql).fetchall()]


def resolve_target(conn, task):
    """The task's target as the judge needs it, re-read from the instance; AssertionError when the
    instance no longer gives the stored target (a different demo than the set was written on)."""
    target = task["target"]
    kind = target["type"]
    if kind == "figure":
        values = [target["value"]] + [alt["value"] for alt in target.get("also_accept", [])]
        for sql, value in zip([target["sql"]] + [a["sql"] for a in target.get("also_accept", [])], values):
            got = conn.execute(sql).fetchone()[0]
            assert _close(got, value), f"{task['id']}: SQL gives {got}, the set says {value}"
        return {"type": kind, "unit": target["unit"], "values": values}
    if kind in ("project", "document"):
        key = "project_id" if kind == "project" else "document_id"
        ids = sorted(_ids(conn, target["sql"]))
        assert ids == sorted(target.get("any_of") or [target[key]]), f"{task['id']}: SQL ids differ from the set"
        return {"type": kind, "ids": ids}
    if kind == "payment":
        ids = _ids(conn, target["sql"])
        digest = hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()
        assert len(ids) == target["count"] and digest == target["ids_sha256"], f"{task['id']}: payment ids differ"
        projects = _payment_projects(conn, ids)
        return {"type": kind, "ids": sorted(ids), "projects": projects}
    if kind == "budget_line":
        rows = [list(r) for r in conn.execute(target["sql"]).fetchall()]
        assert rows == target["rows"], f"{task['id']}: budget rows differ"
        amounts = [row[4] / 100 for row in rows]
        totals = {(row[0], row[2]) for row in rows}
        for year, dept in sorted(totals):
            total = conn.execute(f"SELECT sum(budget_fen) FROM budgets WHERE publication_id={PUBLICATION} "
                                 "AND year=? AND dept_code=?", (year, dept)).fetchone()[0]
            amounts.append(total / 100)
        return {"type": "figure", "unit": "元", "values": amounts}
    if kind == "decline":
        assert target.get("reason"), f"{task['id']}: a decline task says why"
        return {"type": kind}
    raise AssertionError(f"{task['id']}: unknown target type {kind}")


def _payment_projects(conn, ids):
    codes = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        codes.update(row[0] for row in conn.execute(
            f"SELECT DISTINCT project_code FROM payments WHERE publication_id={PUBLICATION} "
            f"AND project_code IS NOT NULL AND id IN ({marks})", chunk))
    return sorted(codes)


def publication_facts(db_path):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = conn.execute(f"SELECT id, dataset, as_of, is_demo, data_sha256 FROM publications "
                           f"WHERE id={PUBLICATION}").fetchone()
    finally:
        conn.close()
    return dict(zip(("id", "dataset", "as_of", "is_demo", "data_sha256"), row)) if row else None


def resolve_all(db_path, tasks):
    """{task id: resolved target} for every task (AssertionError on the first that does not hold)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {task["id"]: resolve_target(conn, task) for task in tasks}
    finally:
        conn.close()


# ---- reading the first screen in the browser ---------------------------------------------------------

SCREEN_JS = r"""
([vh, vw]) => {
  const clipped = (el, r) => {
    let {top, left, bottom, right} = r;
    for (let a = el; a && a !== document.documentElement && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const b = a.getBoundingClientRect();
        if (s.overflowX !== 'visible') { left = Math.max(left, b.left); right = Math.min(right, b.right); }
        if (s.overflowY !== 'visible') { top = Math.max(top, b.top); bottom = Math.min(bottom, b.bottom); }
      }
    }
    return {top, left, bottom, right};
  };
  const onScreen = (el, r) => {
    if (r.width <= 0 || r.height <= 0) return false;
    const c = clipped(el, r);
    return c.bottom > c.top && c.right > c.left && c.top < vh && c.bottom > 0 && c.left < vw && c.right > 0;
  };
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const blockOf = el => {
    for (let a = el; a; a = a.parentElement) {
      const d = getComputedStyle(a).display;
      if (!d.startsWith('inline') && d !== 'contents') return a;
    }
    return document.body;
  };
  const headerOf = cell => {
    const table = cell.closest('table');
    if (!table) return '';
    let col = 0;
    for (const c of cell.parentElement.cells) { if (c === cell) break; col += c.colSpan || 1; }
    let head = '';
    const rows = table.tHead ? Array.from(table.tHead.rows) : [table.rows[0]];
    for (const row of rows) {
      if (!row || row === cell.parentElement) continue;
      let at = 0;
      for (const c of row.cells) {
        if (at <= col && col < at + (c.colSpan || 1)) { head += ' ' + c.innerText; break; }
        at += c.colSpan || 1;
      }
    }
    const caption = table.caption ? table.caption.innerText : '';
    return (head + ' ' + caption).trim();
  };
  const ids = new Map();
  const idOf = el => { if (!ids.has(el)) ids.set(el, ids.size); return ids.get(el); };
  const segments = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || !el || el.closest('script,style,noscript,template') || !shown(el)) continue;
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) continue;
    const all = rects.every(r => onScreen(el, r)), some = rects.some(r => onScreen(el, r));
    let screenText = all ? node.data : '';
    if (some && !all) {  // a text node partly on the first screen: keep its characters that are
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        screenText += onScreen(el, r) ? node.data[i] : '\u0000';
      }
    }
    const cell = el.closest('td,th');
    segments.push({text: node.data, screen: screenText, block: idOf(blockOf(el)),
                   alone: el.textContent.trim() === node.data.trim(),
                   cell: cell ? idOf(cell) : -1, header: cell ? headerOf(cell) : ''});
  }
  const links = [];
  for (const a of document.querySelectorAll('a[href]')) {
    let url;
    try { url = new URL(a.href, location.href); } catch (e) { continue; }
    if (url.origin !== location.origin) continue;
    const r = a.getBoundingClientRect();
    links.push({path: url.pathname, text: a.innerText.trim().slice(0, 80),
                screen: shown(a) && onScreen(a, r)});
  }
  return {path: location.pathname, url: location.href, segments, links};
}
"""


@dataclass
class Screen:
    """What a result page shows: its path, its text (whole page and first screen) and its links."""
    path: str
    segments: list
    links: list
    status: int = 200
    url: str = ""

    def text(self, first_screen):
        """The page's text as lines; cells separated by " | "; characters off the screen as line breaks."""
        parts, previous = [], None
        for seg in self.segments:
            body = seg["screen"] if first_screen else seg["text"]
            body = body.replace("\u0000", "\n")
            if not body:
                continue
            here = (seg["block"], seg["cell"])
            if previous is not None and here != previous:
                parts.append(" | " if seg["cell"] >= 0 or previous[1] >= 0 else "\n")
            parts.append(body)
            previous = here
        return "".join(parts)

    def cells(self, first_screen):
        """[(cell text, column header)] for table cells (only their first-screen characters if asked)."""
        cells, order = {}, []
        for seg in self.segments:
            if seg["cell"] < 0:
                continue
            if seg["cell"] not in cells:
                cells[seg["cell"]] = ["", seg["header"]]
                order.append(seg["cell"])
            cells[seg["cell"]][0] += (seg["screen"] if first_screen else seg["text"]).replace("\u0000", "\n")
        return [tuple(cells[key]) for key in order]

    def alone(self, first_screen):
        """Texts that are the whole text of their element (e.g. <strong>65</strong>)."""
        return [(seg["screen"] if first_screen else seg["text"]).strip() for seg in self.segments if seg["alone"]]


def read_screen(page, status=200):
    viewport = page.viewport_size
    data = page.evaluate(SCREEN_JS, [viewport["height"], viewport["width"]])
    return Screen(path=unquote(data["path"]), segments=data["segments"], links=data["links"], status=status,
                  url=data["url"])


# ---- matching rules ------------------------------------------------------------------------------------

NUMBER = re.compile(r"(?<![0-9A-Za-z.,\-/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![0-9A-Za-z\-/]|[.,]\d)")
UNIT_AFTER = re.compile(r"\s*(亿元|万元|亿|万|元|%|％|公里|km|个|项|所|名|座|家|条|笔|处)(?P<next>.?)")
COUNT_WORDS = set("个项所名座家条笔处")
MONEY = {"亿元": Decimal(100_000_000), "亿": Decimal(100_000_000), "万元": Decimal(10_000),
         "万": Decimal(10_000), "元": Decimal(1)}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _unit_from_header(header):
    for word, unit in (("亿元", "亿元"), ("万元", "万元"), ("元", "元"), ("%", "%"), ("％", "%"),
                       ("公里", "公里"), ("个", "个"), ("数", "个")):
        if word in header:
            return unit
    return None


def numbers_with_units(text, header=""):
    """[(Decimal shown, decimals shown, unit or None)] for every number in ``text``."""
    found = []
    for match in NUMBER.finditer(text):
        shown = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        decimals = len(match.group(2) or "") - (1 if match.group(2) else 0)
        unit = None
        after = UNIT_AFTER.match(text, match.end())
        if after:
            unit = after.group(1)
            if unit in ("亿", "万") and CJK.match(after.group("next")):
                unit = None  # 万人, 亿平方米: not money
        if unit is None and header:
            unit = _unit_from_header(header)
        found.append((shown, decimals, unit))
    return found


def _within_rounding(shown, decimals, scale, value):
    value = Decimal(str(value))
    if shown * scale == value:
        return True
    half_step = Decimal(5).scaleb(-decimals - 1) * scale
    return abs(shown * scale - value) <= half_step and value and half_step <= abs(value) / 100


def figure_matches(shown, decimals, unit, target_unit, value):
    """Whether one shown number (with its unit) stands for ``value`` in ``target_unit`` (rules above)."""
    if unit is None:
        return False
    if target_unit == "元":
        return unit in MONEY and _within_rounding(shown, decimals, MONEY[unit], value)
    if target_unit == "%":
        return unit in ("%", "％") and _within_rounding(shown, decimals, Decimal(1), value)
    if target_unit == "公里":
        return unit in ("公里", "km") and _within_rounding(shown, decimals, Decimal(1), value)
    if target_unit == "个":
        return (unit in COUNT_WORDS or unit == "个") and decimals == 0 and shown == Decimal(str(value))
    raise ValueError(f"unknown unit {target_unit}")


def find_figures(screen, target_unit, values, first_screen):
    """Shown texts that match one of ``values`` (e.g. ["30.24 亿元"])."""
    hits = []
    candidates = [(screen.text(first_screen), "")] + screen.cells(first_screen)
    for text, header in candidates:
        for shown, decimals, unit in numbers_with_units(text, header):
            if any(figure_matches(shown, decimals, unit, target_unit, v) for v in values):
                hits.append(f"{shown} {unit}" + (f" (header: {header[:30]})" if header else ""))
    if target_unit == "个":  # a count alone in its element
        for text in screen.alone(first_screen):
            if re.fullmatch(r"\d+", text) and any(Decimal(text) == Decimal(str(v)) for v in values):
                hits.append(f"{text} (alone)")
    return sorted(set(hits))


def find_links(screen, prefix, ids, first_screen):
    """Codes of ``ids`` linked at /<prefix>/<id> (or below), or the page itself being one of them."""
    wanted = set(ids)
    hits = set()
    for path in [screen.path] + [link["path"] for link in screen.links if link["screen"] or not first_screen]:
        parts = path.strip("/").split("/")
        if len(parts) >= 2 and parts[0] == prefix and parts[1] in wanted:
            hits.add(parts[1] if path != screen.path else f"{parts[1]} (the page itself)")
    return sorted(hits)


PAYMENT_ID = re.compile(r"(?<![0-9A-Za-z])[A-Z]{2}\d{11}(?![0-9A-Za-z])")


def find_payments(screen, ids, first_screen):
    wanted = set(ids)
    return sorted({m.group() for m in PAYMENT_ID.finditer(screen.text(first_screen)) if m.group() in wanted})


DECLINE_NOTICES = ("无法回答", "没有找到相关结果")


def find_decline(screen, first_screen):
    text = screen.text(first_screen)
    return [notice for notice in DECLINE_NOTICES if notice in text]


def find_target(screen, target, first_screen):
    kind = target["type"]
    if kind == "figure":
        return find_figures(screen, target["unit"], target["values"], first_screen)
    if kind == "project":
        return find_links(screen, "projects", target["ids"], first_screen)
    if kind == "document":
        return find_links(screen, "documents", target["ids"], first_screen)
    if kind == "payment":
        return find_payments(screen, target["ids"], first_screen)
    if kind == "decline":
        return find_decline(screen, first_screen)
    raise ValueError(f"unknown target type {kind}")


@dataclass
class Verdict:
    success: bool
    found: list
    failure: str = ""
    partial: list = field(default_factory=list)


def judge(screen, target):
    """Success when the target is on the first screen; otherwise the class of the failure."""
    found = find_target(screen, target, first_screen=True)
    if found:
        return Verdict(True, found)
    if screen.status >= 400:
        return Verdict(False, [], f"error page (HTTP {screen.status})")
    partial = []
    if target["type"] == "payment":
        partial = find_links(screen, "projects", target["projects"], first_screen=True)
    below = find_target(screen, target, first_screen=False)
    if below:
        return Verdict(False, [], "on the page but below the first screen", partial)
    if partial:
        return Verdict(False, [], "partial: project of the payments on first screen", partial)
    return Verdict(False, [], "not on the page")
