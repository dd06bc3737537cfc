"""A question's answer does not depend on what was asked before it in the same process.

One jieba tokenizer serves every publication (nlq/tokens.py). Switching it from one publication's names to
another's used to add the names again, and jieba's add_word only ever grows the dictionary's total, so each
switch between the city and the yearbook shifted how questions were cut: after some thirty switches
「能」「到」 became one unknown word 「能到」, and a year-end forecast question was answered, declined or read as
the current rate depending on how many yearbook questions came before it."""
from conftest import DEMO_AS_OF

QUESTION = "按预警规则，今年到年底执行率估计能到多少？"  # the rule's year-end estimate, in words that hold 「能到」


def _answer(result):
    return result["understood"], (result["answer"] or {}).get("value"), result["notes"]


def _switch(demo_app, yearbook_app, times):
    """Ask a yearbook question and a city one ``times`` times (each ask switches the tokenizer's names)."""
    from conftest import ask_at

    for _ in range(times):
        ask_at(yearbook_app, "2023年广东教育支出")
        _ask(demo_app, "今年教育支出")


def _ask(app, question):
    from ledger.db import current_publication
    from nlq.answer import ask

    with app.extensions["mingzhang.engine"].connect() as conn:
        return ask(conn, current_publication(conn), question, as_of=DEMO_AS_OF, config=app.config,
                   use_embeddings=False)


def test_the_forecast_question_reads_the_same_in_either_order(demo_app, yearbook_app):
    first = _answer(_ask(demo_app, QUESTION))
    assert "预测" in first[0] and first[1] is not None  # the forecast, said to be one
    _switch(demo_app, yearbook_app, 40)
    assert _answer(_ask(demo_app, QUESTION)) == first


def test_switching_publications_leaves_the_dictionary_as_it_was(demo_app, yearbook_app):
    from ledger.db import current_publication
    from nlq.lexicon import for_publication
    from nlq.tokens import cut, tokenizer

    lexicons = []
    for app in (demo_app, yearbook_app):
        with app.extensions["mingzhang.engine"].connect() as conn:
            lexicons.append(for_publication(conn, current_publication(conn)["id"], app.config))
    city, yearbook = lexicons
    words, total = cut(city, QUESTION), tokenizer(city).total
    for _ in range(50):
        cut(yearbook, QUESTION)
        cut(city, QUESTION)
    assert tokenizer(city).total == total and cut(city, QUESTION) == words
    assert "能到" not in words
