"""「区县里面谁…最少」: who among a level's places is a ranking of that level (nlq/lexicon.py region groups): read
without it the question was answered with the whole city's total (nlq_blind21 [ranking answered with a
figure]). Questions of our own."""


def test_who_among_the_districts_is_ranked(ask_demo, db):
    result = ask_demo("各区县当中谁今年的教育支出最多")
    assert result["query"]["kind"] == "ranking" and len(result["answer"]["rows"]) == 1, result["understood"]
    assert "各区县教育支出" in result["understood"]


def test_who_among_the_provinces_is_ranked(ask_yb):
    result = ask_yb("省份里面谁2022年支出最少")
    assert result["query"]["kind"] == "ranking" and "从低到高" in result["understood"], result["understood"]
