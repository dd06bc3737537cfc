"""The per-publication caches behind the province-scale pages (issue #14 item 3) give the figures of the direct
computation: 绩效 scores and unit costs (memoised per publication, then filtered; projects with approved public
ratings scored again on each call), the district comparison (memoised whole), and cached values handed out as
copies."""
import shutil

import pytest
from sqlalchemy import create_engine, func, select

from ledger import schema
from ledger.performance import mean_score
from ledger.queries import cache, reference
from ledger.queries import compare as q_cmp
from ledger.queries import execution as q_exec
from ledger.queries import performance as q_perf
from ledger.queries.execution import Scope
from ledger.queries.performance import PerformanceFilter


def _latest(conn):
    return conn.execute(select(func.max(schema.publications.c.id))
                        .where(schema.publications.c.status == "published")).scalar()


def _direct_scores(conn, pub_id, flt):
    """Scores straight from the filtered project rows and the ratings now approved: no cache, no filtering
    in Python (what /performance computed on every request before)."""
    given = q_perf.ratings(conn)
    items = [q_perf._scored(r, given.get(r["code"])) for r in q_perf._project_rows(conn, pub_id, flt)
             if r["status"] == q_perf.COMPLETED or r.get("completed_date") is not None]
    items = [i for i in items if i["score"] is not None]
    return sorted(items, key=lambda i: (-i["score"], i["code"]))


def _filters(conn, pub_id):
    first = conn.execute(select(schema.projects).where(schema.projects.c.publication_id == pub_id,
                                                       schema.projects.c.status == q_perf.COMPLETED)
                         .order_by(schema.projects.c.code).limit(1)).mappings().one()
    years = reference.years(conn, pub_id)
    return [PerformanceFilter(), PerformanceFilter(year=years[-2]), PerformanceFilter(region=first["region_code"]),
            PerformanceFilter(dept=first["dept_code"]), PerformanceFilter(category=first["category"]),
            PerformanceFilter(year=first["year"], region=first["region_code"], category=first["category"]),
            PerformanceFilter(region="000000")]


def test_cached_performance_figures_equal_the_direct_computation(demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub_id = _latest(conn)
        for flt in _filters(conn, pub_id):
            direct = _direct_scores(conn, pub_id, flt)
            assert q_perf.scored_projects(conn, pub_id, flt) == direct, flt
            assert q_perf.scored_projects(conn, pub_id, flt) == direct, flt  # the second read: from the cache
            assert [i["code"] for i in q_perf.unit_cost_projects(conn, pub_id, flt)] == [
                r["code"] for r in q_perf._project_rows(conn, pub_id, flt) if r["output_unit"]
                and any(i["code"] == r["code"] for i in q_perf.unit_cost_projects(conn, pub_id))]
            assert q_perf.unit_cost_comparison(conn, pub_id, flt) == q_perf.unit_cost_comparison.uncached(
                conn, pub_id, flt)
        assert len(_direct_scores(conn, pub_id, PerformanceFilter())) > 100  # not a comparison of empty lists


def test_a_caller_cannot_change_what_the_next_one_reads(demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub_id = _latest(conn)
        first = q_perf.scored_projects(conn, pub_id)
        with pytest.raises(TypeError):  # shared read-only mappings: a page copies the rows it numbers
            first[0]["score"] = -1
        shown = dict(first[0])
        shown["score"], shown["rank"] = -1, 1  # what the pages do to their copies
        assert q_perf.scored_projects(conn, pub_id) == _direct_scores(conn, pub_id, PerformanceFilter())
        rows = q_exec.breakdown(conn, pub_id, Scope(), "region")
        rows[0]["budget_fen"] = -1
        assert q_exec.breakdown(conn, pub_id, Scope(), "region") == q_exec.breakdown.uncached(
            conn, pub_id, Scope(), "region")
        result = q_cmp.compare(conn, pub_id)
        result["regions"][0]["monthly"].clear()
        assert q_cmp.compare(conn, pub_id) == q_cmp._compare.uncached(
            conn, pub_id, None, None, None, "spent", tuple(q_cmp.semantics.minsheng_codes()), False)


def test_cached_comparison_equals_the_direct_one_for_periods_regions_and_sorts(demo_app):
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub_id = _latest(conn)
        codes = [r["code"] for r in q_cmp.districts(conn, pub_id)]
        years = reference.years(conn, pub_id)
        minsheng = tuple(q_cmp.semantics.minsheng_codes())
        for year, month, chosen, sort in [(None, None, None, "spent"), (years[-1], 3, codes[:3], "execution_rate"),
                                          (years[-2], 12, codes[2:6], "per_capita"), (years[-2], None, None, "code")]:
            cached = q_cmp.compare(conn, pub_id, year=year, month=month, codes=chosen, sort=sort)
            assert cached == q_cmp._compare.uncached(conn, pub_id, year, month, tuple(chosen) if chosen else None,
                                                     sort, minsheng, False)
            assert {r["code"] for r in cached["regions"]} == set(chosen or codes)
        with pytest.raises(q_cmp.CompareError):
            q_cmp.compare(conn, pub_id, codes=codes[:1])


def test_approving_ratings_changes_the_scores_at_once(demo_instance, tmp_path):
    """A moderator's approval is a new state of the ratings: the memoised scores follow it without a publish."""
    from portal import comments

    shutil.copy(demo_instance / "mingzhang.db", tmp_path / "copy.db")
    engine = create_engine(f"sqlite:///{tmp_path / 'copy.db'}")
    with engine.connect() as conn:
        pub_id = _latest(conn)
        before = {i["code"]: i for i in q_perf.scored_projects(conn, pub_id)}
        ranking_before = q_perf.department_ranking(conn, pub_id)
        rated = {code for code, (_avg, count) in q_perf.ratings(conn).items() if count}
        code = next(c for c, i in before.items() if c not in rated and i["satisfaction"]["survey_pct"] is not None
                    and any(p["key"] == "satisfaction" and p["target"] for p in i["parts"]))
    for n in range(6):  # more than MIN_RATINGS one-star ratings: 满意度 drops
        row = comments.submit(engine, project_code=code, rating=1, body=f"工期拖了很久，第{n}条意见",
                              client=f"c{n}", premoderated=True)
        comments.approve(engine, row["id"], "moderator")
    with engine.connect() as conn:
        after = {i["code"]: i for i in q_perf.scored_projects(conn, pub_id)}
        assert after[code]["satisfaction"]["ratings"] == 6
        assert after[code]["score"] < before[code]["score"]
        assert list(after.values()) == _direct_scores(conn, pub_id, PerformanceFilter())
        assert q_perf.project_performance(conn, pub_id, code)["score"] == after[code]["score"]
        dept = after[code]["dept_code"]
        ranking = {d["dept_code"]: d for d in q_perf.department_ranking(conn, pub_id)}
        members = [i["score"] for i in after.values() if i["dept_code"] == dept]
        assert ranking[dept]["average_score"] == mean_score(members)
        assert ranking[dept]["average_score"] < {d["dept_code"]: d for d in ranking_before}[dept]["average_score"]
    engine.dispose()
    cache.clear()


def test_a_payee_and_a_contractor_are_found_by_index_not_by_a_scan(demo_app):
    """/contractors/<name> reads one payee's payments and one contractor's projects: a seek in an index (the
    whole payments table was scanned twice per page: 260 ms at ×2, linear in the payments)."""
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        pub_id = _latest(conn)
        name = conn.execute(select(schema.projects.c.contractor).where(
            schema.projects.c.publication_id == pub_id, schema.projects.c.contractor.is_not(None)).limit(1)).scalar()
        plans = {}
        for label, sql in [
                ("payee_sum", "SELECT count(*), sum(amount_fen) FROM payments WHERE publication_id = ? AND payee = ?"),
                ("payee_years", "SELECT strftime('%Y', date), sum(amount_fen) FROM payments"
                                " WHERE publication_id = ? AND payee = ? GROUP BY 1"),
                ("contractor", "SELECT code FROM projects WHERE publication_id = ? AND contractor = ?")]:
            plans[label] = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}",
                                                                            (pub_id, name)))
    assert "COVERING INDEX ix_payments_payee" in plans["payee_sum"], plans
    assert "COVERING INDEX ix_payments_payee" in plans["payee_years"], plans
    assert "INDEX ix_projects_contractor" in plans["contractor"], plans


def test_a_later_page_of_the_performance_ranking_numbers_its_rows_as_the_download_does(client):
    """The page names and numbers only the rows it shows; they read as the same rows of the whole download."""
    import csv
    import io
    rows = client.get("/api/performance?page=3&per_page=50").get_json()["projects"]["rows"]
    assert [r["rank"] for r in rows] == list(range(101, 151))
    table = list(csv.reader(io.StringIO(client.get("/performance.csv?table=projects").get_data(as_text=True)
                                        .lstrip("\ufeff"))))
    header, lines = table[0], table[1:]
    assert len(lines) > 150 and [line[0] for line in lines] == [str(n) for n in range(1, len(lines) + 1)]
    by_rank = {int(line[0]): dict(zip(header, line)) for line in lines}
    for row in rows:
        assert by_rank[row["rank"]]["项目编号"] == row["code"] and by_rank[row["rank"]]["预算单位"] == row["dept_name"]
