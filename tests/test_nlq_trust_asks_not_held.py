"""Questions whose main ask the publication cannot meet — a notice later, another currency, a judgement of
whether money suffices, a week or a day — are declined with a Chinese reason, never answered with the year's
figure that a word of them names (issue #18). Look-alikes that bound a period or ask a figure still answer."""
import pytest
from support.answers import assert_declined as _declined


@pytest.mark.parametrize("q, reason", [
    ("鹭洲区有新的学校项目立项时请通知我", "not_held"),  # a notice asked for later
    ("以后每月数据出来能推送消息给我吗", "not_held"),
    ("枫林区今年卫生健康支出相当于多少美金", "unit_mismatch"),  # another currency
    ("全市去年的预算换成港币是多少", "unit_mismatch"),
    ("松岗县的教育经费是否足够", "opinion"),  # whether money suffices
    ("咱们区的养老钱够不够用啊", "opinion"),
    ("第12周全市花了多少钱", "not_held"),  # a week
    ("上个星期鹭洲区的支出", "not_held"),
    ("前天全市支出了多少", "not_held"),  # a day
    ("3月8号枫林区花了多少钱", "not_held"),
])
def test_a_request_a_currency_an_opinion_or_a_finer_period_is_declined(ask_demo, q, reason):
    _declined(ask_demo(q), reason)


def test_another_currency_on_the_yearbook_is_declined(ask_yb):
    _declined(ask_yb("2022年广东教育支出合多少欧元"), "unit_mismatch")


@pytest.mark.parametrize("q", [
    "截至10月31日全市支出是多少",  # a day bounding the period
    "到今天为止鹭洲区花了多少钱",
    "今年1到9月枫林区教育支出",
    "今年新开工的项目有哪些",
])
def test_a_bound_or_a_month_still_answers(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] != "decline", result["understood"]
