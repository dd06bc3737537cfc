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
