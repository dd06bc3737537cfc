"""「全国地方支出」「全省支出」「全市支出」: spending alone after the whole place is its total; read by meaning as a
class it became a wrong figure with an official look (issue #18's hard line, nlq_blind21 [a total replaced by a
class]). The whole family — a ranking of growth, a growth, a share — keeps the total. Questions of our own."""
import pytest


@pytest.mark.parametrize("q", ["2020到2023年间全国地方支出增长最快的是哪个省", "2021年至2023年全国地方支出增幅最大的三个省",
                               "2019到2022年全国地方支出增长了多少", "2022年全国地方支出里江苏占多少"])
def test_national_local_spending_is_the_total(ask_yb, q):
    result = ask_yb(q)
    assert result["decline"] is None, result["understood"]
    understood = result["understood"]
    assert "总支出" in understood and understood.count("支出") == understood.count("总支出"), understood


@pytest.mark.parametrize("q", ["2024年到2025年全市支出增长了多少", "2025年全市的支出中卫生健康占多少"])
def test_city_wide_spending_is_the_total(ask_demo, q):
    assert "示例市总支出" in ask_demo(q)["understood"]


@pytest.mark.parametrize("q", ["2020到2023四年间全国地方支出增长最快的省", "2020至2023年这四年里全国地方支出增长最快的省份"])
def test_the_length_of_a_span_of_years_names_no_class(ask_yb, q):
    """「四年间」 after a span just named is its length: never joined to the year's digits, never a class by meaning."""
    understood = ask_yb(q)["understood"]
    assert "2020—2023年各省总支出" in understood, understood


def test_classes_ranked_within_the_whole_stay_classes(ask_yb):
    """The total's words are read, the rest still is: classes ranked within national spending are classes."""
    result = ask_yb("2022年全国地方支出里最多的两类是什么")
    assert result["decline"] is None and len(result["answer"]["rows"]) == 2, result["understood"]
    assert result["answer"]["rows"][0][0].endswith("支出")


def test_a_span_length_before_a_sum_names_no_class(ask_yb):
    result = ask_yb("2020到2022三年累计支出最多的省份")
    assert result["decline"] is None and result["answer"]["rows"], result["understood"]
