"""Shared checks for question-box tests: a decline is a decline (no figure, no query), with the reason asked."""

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"  # the serving publication, in SQL


def assert_declined(result, reason=None):
    from tests.eval.judge import states_figure

    assert result["answer"]["kind"] == "decline", result["understood"]
    assert not states_figure(result["answer"]) and result["query"] is None
    if reason:
        assert result["decline"]["reason"] == reason, result["decline"]
