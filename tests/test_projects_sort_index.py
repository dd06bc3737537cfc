"""A /projects page sorted by a figure is read in index order, not by sorting every project: at province
scale (40,000 projects, thousands tied at 100 % progress) a sort computed each tied row's plan and payments
first and took half a second."""
import pytest
from sqlalchemy.dialects import sqlite

from ledger.queries import projects as q_proj


@pytest.mark.parametrize("sort", ["investment", "disbursed", "progress"])
def test_a_sorted_listing_needs_no_sort_step(demo_app, sort):
    engine = demo_app.extensions["mingzhang.engine"]
    query = q_proj._listing_query(1, q_proj.ProjectFilter(), sort, None).limit(20).offset(40)
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert f"ix_projects_order_{sort}" in plan
    assert "TEMP B-TREE" not in plan


def test_ties_keep_the_code_order(demo_app):
    """The index order is the listing's order: the figure descending, then the code ascending."""
    engine = demo_app.extensions["mingzhang.engine"]
    with engine.connect() as conn:
        rows = list(q_proj.project_rows(conn, 1, q_proj.ProjectFilter(), sort="progress"))
    keys = [(-row["progress_pct"], row["code"]) for row in rows]
    assert keys == sorted(keys) and len({k[0] for k in keys}) < len(keys)  # there are ties, in code order
