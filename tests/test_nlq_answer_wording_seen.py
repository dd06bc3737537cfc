"""How the first sentence of an answer reads in the browser: the place asked about is named first, an amount
carries its unit once, and a share of the year so far is not called the whole year."""
import re


def test_an_nth_place_names_that_place_first(ask_demo):
    result = ask_demo("2024年总支出排在第二位的区县是哪个")
    answer = result["answer"]
    assert answer.get("position") == 2, result["understood"]
    second, first = answer["rows"][1][0], answer["rows"][0][0]
    text = result["sentence"].split("：", 1)[1]
    assert text.startswith(f"第2名是{second}"), result["sentence"]
    assert text.index(second) < text.index(first) and f"第1名{first}" in text


def test_a_third_place_lists_both_places_above_it_after_it(ask_demo):
    result = ask_demo("2023年卫生健康支出第三多的区县")
    answer = result["answer"]
    assert answer.get("position") == 3, result["understood"]
    names = [row[0] for row in answer["rows"]]
    text = result["sentence"].split("：", 1)[1]
    assert text.startswith(f"第3名是{names[2]}") and f"第1名{names[0]}" in text and f"第2名{names[1]}" in text


def test_a_first_place_still_lists_the_table(ask_demo):
    result = ask_demo("2024年总支出最多的三个区县")
    assert "第1名是" not in result["sentence"] and result["answer"]["rows"][0][0] in result["sentence"]


def test_a_count_and_sum_states_the_unit_once(ask_demo):
    result = ask_demo("去年临时救助一共付了多少笔、多少钱")
    answer = result["answer"]
    assert answer["kind"] == "table" and answer.get("payments"), result["understood"]
    assert "（元）" not in result["sentence"], result["sentence"]
    assert re.search(r"支付金额[\d.,]+(?:万|亿)?元", result["sentence"]), result["sentence"]
    assert answer["rows"][1][0] == "支付金额（元）"  # the table keeps the unit of its raw column


def test_a_share_of_the_year_so_far_is_not_called_the_whole_year(ask_demo):
    result = ask_demo("今年8月的支出在今年累计支出里占多少比例")
    assert result["answer"]["unit"] == "%", result["understood"]
    assert "全年" not in result["understood"] and "全年" not in result["sentence"], result["understood"]
    assert "2026年累计" in result["understood"]


def test_a_share_of_the_whole_year_keeps_its_words(ask_demo):
    result = ask_demo("2025年三季度支出占当年全年支出的比重")
    assert result["answer"]["unit"] == "%" and "2025年全年" in result["understood"], result["understood"]
