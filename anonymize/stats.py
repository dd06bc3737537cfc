"""Statistical disclosure control: k-anonymity of individual-level tables and small-cell
suppression (with complementary suppression) of count tables."""
from collections import defaultdict

K = 5
SUPPRESSED = "<5"


class KAnonymityError(Exception):
    def __init__(self, result):
        self.result = result
        worst = "；".join(f"{'、'.join(map(str, c['class']))}：{c['persons']} 人" for c in result["violations"][:10])
        super().__init__(f"个人明细表 k-匿名检查未通过：k={result['k']}，要求 ≥ {result['required']}"
                         f"（{len(result['violations'])} 个等价类不足 {result['required']} 人：{worst}）")


def k_anonymity(rows, quasi_identifiers, person_key, k=K):
    """Smallest number of distinct persons sharing one combination of quasi-identifiers."""
    classes = defaultdict(set)
    for row in rows:
        classes[tuple(row.get(q) for q in quasi_identifiers)].add(row[person_key])
    sizes = {key: len(persons) for key, persons in classes.items()}
    violations = [{"class": list(key), "persons": n} for key, n in sorted(sizes.items(), key=lambda kv: kv[1]) if n < k]
    return {"quasi_identifiers": list(quasi_identifiers), "k": min(sizes.values()) if sizes else None,
            "required": k, "classes": len(sizes), "rows": sum(1 for _ in rows) if not isinstance(rows, list) else len(rows),
            "violations": violations}


def require_k_anonymity(rows, quasi_identifiers, person_key, k=K):
    result = k_anonymity(rows, quasi_identifiers, person_key, k)
    if result["violations"]:
        raise KAnonymityError(result)
    return result


def suppress_small_cells(cells, k=K):
    """Suppress cells of a two-way count table built from fewer than ``k`` persons.

    ``cells``: {(row, col): count}; row and column totals are published too, so complementary
    suppression hides a second cell in every row and column that has exactly one suppressed cell
    (the smallest remaining one), repeated until no suppressed cell can be recovered by subtraction.
    Returns {"cells": {(row, col): count or "<5"}, "row_totals", "col_totals", "suppressed": n,
    "primary": n, "complementary": n}.
    """
    hidden = {key for key, n in cells.items() if 0 < n < k}
    primary = len(hidden)
    rows = sorted({r for r, _ in cells})
    cols = sorted({c for _, c in cells})
    changed = True
    while changed:
        changed = False
        for axis, keys in ((0, rows), (1, cols)):
            for key in keys:
                line = [cell for cell in cells if cell[axis] == key and cells[cell] > 0]
                n_hidden = sum(1 for cell in line if cell in hidden)
                if n_hidden == 1:
                    rest = [cell for cell in line if cell not in hidden]
                    if rest:
                        hidden.add(min(rest, key=lambda cell: (cells[cell], cell)))
                        changed = True
    row_totals = {r: sum(n for (rr, _c), n in cells.items() if rr == r) for r in rows}
    col_totals = {c: sum(n for (_r, cc), n in cells.items() if cc == c) for c in cols}
    shown = {key: (SUPPRESSED if key in hidden else n) for key, n in cells.items()}
    # A total built from fewer than k persons is itself a small cell.
    row_totals = {r: (SUPPRESSED if 0 < n < k else n) for r, n in row_totals.items()}
    col_totals = {c: (SUPPRESSED if 0 < n < k else n) for c, n in col_totals.items()}
    return {"cells": shown, "row_totals": row_totals, "col_totals": col_totals, "suppressed": len(hidden),
            "primary": primary, "complementary": len(hidden) - primary}


def table_to_json(result, row_label, col_label):
    """A JSON-friendly rendering: [{row_label, col_label, "persons": n or "<5"}] plus totals."""
    return {
        "dimensions": [row_label, col_label],
        "cells": [{row_label: r, col_label: c, "persons": v} for (r, c), v in sorted(result["cells"].items())],
        "row_totals": result["row_totals"], "col_totals": result["col_totals"],
        "suppressed": result["suppressed"], "primary": result["primary"], "complementary": result["complementary"],
    }
