"""A project page's peers (issue #14): read from per-publication groups, they are exactly the peers the
performance lists give — the same scored projects, medians and unit-cost outliers as a scan of them all."""
import statistics

from ledger import performance
from ledger.db import current_publication
from ledger.queries.performance import project_performance, scored_projects, unit_cost_projects


def _expected_unit_cost(costs, code, category, unit):
    items = [i for i in costs if i["peer_group"] == category and i["unit"] == unit]
    own = next((i for i in items if i["code"] == code), None)
    if own is None or len(items) < performance.MIN_PEERS:
        return None
    flags = {f["code"]: f for f in performance.unit_cost_outliers(items)}
    return {"peers": len(items), "peer_median": statistics.median(i["cost"] / i["quantity"] for i in items),
            "outlier": flags.get(code)}


def test_a_project_meets_the_peers_of_the_performance_lists(demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub_id = current_publication(conn)["id"]
        scored, costs = scored_projects(conn, pub_id), unit_cost_projects(conn, pub_id)
        codes = sorted({p["code"] for p in scored} | {c["code"] for c in costs})[::7]
        assert len(codes) > 50
        judged = 0
        for code in codes:
            got = project_performance(conn, pub_id, code)
            peers = [p for p in scored if (p["category"], p["output_unit"]) == (got["category"], got["output_unit"])]
            assert got["peers"] == len(peers), code
            assert got["peer_median_score"] == (statistics.median(p["score"] for p in peers) if peers else None)
            for index, part in enumerate(got["radar"]):
                values = [p["parts"][index]["achievement"] for p in peers
                          if p["parts"][index]["achievement"] is not None]
                expected = round(statistics.median(values) * 100, 1) if values else None
                assert part["peer_median"] == expected, (code, part["key"])
            expected = _expected_unit_cost(costs, code, got["category"], got["output_unit"])
            if expected is None:
                assert got["unit_cost"] is None, code
                continue
            judged += 1
            assert {k: got["unit_cost"][k] for k in expected} == expected, code
        assert judged > 20  # the unit-cost comparison was exercised, not skipped throughout
