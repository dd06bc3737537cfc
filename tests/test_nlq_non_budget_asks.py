"""Questions whose subject is no figure of the data decline with the reason, even when a place, an office's
department or a class is named (issue #18, nlq_blind21 [decline answered]): a place's attribute that is not
money, who holds an office, how to win a contract, where to live, what was discussed behind closed doors.
A series of no months (the yearbook is annual) is never an answer either. Questions in words of their own."""
import pytest
from conftest import declined_message


@pytest.mark.parametrize("q", ["松岗县的国土面积有多大", "鹭洲区面积是多少平方公里", "枫林区海拔多高"])
def test_a_place_attribute_that_is_not_money_declines(ask_demo, q):
    result = ask_demo(q)
    assert result["decline"]["reason"] == "not_held", result["understood"]
    assert "面积" in declined_message(result) or "海拔" in declined_message(result)


@pytest.mark.parametrize("q", ["示例市教育局局长叫什么", "谁是鹭洲区的区长", "松岗县县长是哪位"])
def test_who_holds_an_office_declines(ask_demo, q):
    result = ask_demo(q)
    assert result["decline"]["reason"] == "not_held", result["understood"]
    assert "任职人员" in declined_message(result)


@pytest.mark.parametrize("q", ["怎样才能中标市里的工程", "如何中标政府项目"])
def test_how_to_win_a_contract_is_a_procedure(ask_demo, q):
    assert ask_demo(q)["decline"]["reason"] == "procedure"


@pytest.mark.parametrize("q", ["哪个区县福利最好，我打算搬过去", "想搬家，哪个县待遇最好"])
def test_where_to_live_is_advice(ask_demo, q):
    assert ask_demo(q)["decline"]["reason"] == "opinion"


@pytest.mark.parametrize("q", ["财政局开会讨论过取消哪些项目", "内部会议上定了哪些项目要停"])
def test_deliberations_are_not_published(ask_demo, q):
    result = ask_demo(q)
    assert result["decline"]["reason"] == "not_held" and "内部讨论" in declined_message(result)


def test_an_empty_monthly_series_of_the_yearbook_declines(ask_yb):
    """The yearbook is annual: a month-by-month series of a province is empty, and declined saying so."""
    result = ask_yb("浙江省2022年每个月支出多少")
    assert result["decline"]["reason"] == "no_records" and "逐月" in declined_message(result)


@pytest.mark.parametrize("q", ["今年公园绿地项目新增面积多少", "鹭洲区每个月的支出", "哪个区县今年预算最少"])
def test_figures_of_the_data_stay_answered(ask_demo, q):
    result = ask_demo(q)
    assert result["decline"] is None, result["understood"]
    answer = result["answer"]
    assert answer.get("value") is not None or answer.get("rows")


@pytest.mark.parametrize("q", ["帮我画一个各区县今年支出的饼图", "把全市近五年支出做成条形图"])
def test_a_chart_drawn_to_order_declines(ask_demo, q):
    """A drawing of a given style is not a figure: declined saying the answers come as figures, a table and the
    site's own chart (consistent with maps drawn, nlq/decline.py map_drawn)."""
    result = ask_demo(q)
    assert result["decline"]["reason"] == "not_held" and "指定样式" in declined_message(result), result["understood"]
