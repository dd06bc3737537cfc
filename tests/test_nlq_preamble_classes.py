"""The words around a question are not its subject (issue #18, the [asker's preamble] class of nlq_blind10–12):
courtesy around it (「…多少 谢谢」), a request verb (「请测算」), a remark about the asker after a space
(「…多少 我看…」). Each was declined as a word not understood;
asked here in other words, each is answered and checked against straight SQL. A clause that names a facility,
or asks something itself, still counts."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _spent(db, region, year, class_name, months=(0, 12)):
    """A region's spending on a 类 (its 款 rows are coded under it) in a year, in 元."""
    return db.execute(
        "SELECT sum(e.amount_fen) / 100.0 FROM expenditures e JOIN regions r ON r.code = e.region_code "
        "AND r.publication_id = e.publication_id JOIN func_classes f ON e.class_code LIKE f.code || '%' "
        f"AND f.publication_id = e.publication_id WHERE e.publication_id = {PUBLISHED} AND r.name = ? "
        "AND e.year = ? AND f.name = ? AND e.month BETWEEN ? AND ?", (region, year, class_name, *months)).fetchone()[0]


@pytest.mark.parametrize("q", ["去年枫林区卫生健康支出是多少 谢谢",
                               "麻烦您，去年枫林区卫生健康支出是多少",
                               "请测算去年枫林区卫生健康支出",
                               "去年枫林区卫生健康支出是多少 我翻了年报没找到"])
def test_words_around_the_question_are_not_its_subject(ask_demo, db, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert result["answer"]["value"] == pytest.approx(_spent(db, "枫林区", 2025, "卫生健康支出"), abs=0.01)


@pytest.mark.parametrize("q", ["去年枫林区卫生健康支出是多少 我想知道其中民办医院的部分",
                               "枫林区民办医院：去年卫生健康支出是多少"])
def test_a_clause_that_names_a_facility_still_counts(ask_demo, q):
    assert declined_message(ask_demo(q))
