"""Shared checks for question-box tests: a decline is a decline (no figure, no query), with the reason asked;
spending summed by straight SQL to check answers against."""

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"  # the serving publication, in SQL


def assert_declined(result, reason=None):
    from tests.eval.judge import states_figure

    assert result["answer"]["kind"] == "decline", result["understood"]
    assert not states_figure(result["answer"]) and result["query"] is None
    if reason:
        assert result["decline"]["reason"] == reason, result["decline"]


def spent(db, years, months=(0, 12), region=None, class_name=None):
    """Spending in 元 over the years (first to last) and months, of a region and a class (with its 款/项) if named."""
    statement = (f"SELECT SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} "
                 "AND year BETWEEN ? AND ? AND month BETWEEN ? AND ?")
    params = [years[0], years[-1], *months]
    if region:
        statement += f" AND region_code = (SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND name = ?)"
        params.append(region)
    if class_name:
        statement += (f" AND class_code LIKE (SELECT code FROM func_classes WHERE name = ? AND publication_id = "
                      f"{PUBLISHED}) || '%'")
        params.append(class_name)
    return db.execute(statement, params).fetchone()[0] / 100
