"""Declining is a designed behaviour: questions the publication cannot answer get the answer kind "decline"
with a reason in Chinese (and keyword-search results), never an unrelated figure. Near misses still answer."""

import pytest


@pytest.mark.parametrize("q, reason", [
    # (a) no budget subject: weather, GDP, prices, procedures, opinions, the future
    ("下周末会不会降雨", "future"),
    ("今天外面气温多少度", "no_subject"),
    ("咱们这儿的空气质量怎么样", "no_subject"),
    ("本市去年地区生产总值是多少", "no_data"),
    ("财政支出占GDP的比重", "no_data"),
    ("星桥区二手房房价一平米多少", "no_data"),
    ("家里老人想办低保，需要哪些材料", "procedure"),
    ("残疾人补贴怎么申请", "procedure"),
    ("你觉得政府在教育上花这么多钱值得吗", "opinion"),
    ("卫生健康支出这么安排合不合理", "opinion"),
    ("明年教育经费会不会增加", "future"),
    # (b) a place the publication does not have
    ("北京市去年的教育支出有多少", "unknown_place"),
    ("杭州2024年卫生健康支出", "unknown_place"),
    ("2023年广东省一般公共预算支出", "unknown_place"),
    ("白沙区前年花了多少钱", "unknown_region"),
    ("青龙县去年社保支出", "unknown_region"),
    # (c) a department or a named project the publication does not have
    ("市妇联去年花了多少", "unknown_dept"),
    ("2025年市航天局支出多少", "unknown_dept"),
    ("星河大桥工程花了多少钱", "unknown_project"),
    ("东方明珠小学改造投资多少", "unknown_project"),
    # (d) a word that names something was not understood, or a count is asked and only money is known
    ("市第一人民医院花了多少钱", "not_understood"),
    ("2024年新建了多少所幼儿园", "unit_mismatch"),
    ("鹭洲区民政厅今年预算是多少", "unknown_dept"),  # a department word no department carries
    ("星桥区哪个村教育支出最多", "unknown_region"),  # a level of regions the publication does not have
    ("今年全市财政收入有多少", "no_data"),  # revenue is not published
    ("教育局是不是乱花钱", "opinion"),
    ("明年教育预算会给多少", "future"),
    # (e) a period outside the data
    ("2008年全市教育支出是多少", "out_of_range"),
    ("2031年社保和就业支出", "out_of_range"),
    ("2026年12月的教育支出", "out_of_range"),
    ("2026年11月全市花了多少钱", "out_of_range"),
])
def test_declines_with_a_reason_and_no_figure(ask_demo, q, reason):
    from tests.eval.judge import declined, states_figure

    result = ask_demo(q)
    assert result["answer"]["kind"] == "decline", (q, result["understood"])
    assert result["decline"]["reason"] == reason, (q, result["decline"])
    assert result["decline"]["message"] and not states_figure(result["answer"])
    assert declined(200, result) and "0.00" not in result["understood"]
    assert result["search_fallback"] is not None and result["query"] is None


@pytest.mark.parametrize("q", ["2008年全市教育支出是多少", "2031年社保和就业支出"])
def test_out_of_range_says_where_the_data_starts_and_ends(ask_demo, q):
    message = ask_demo(q)["decline"]["message"]
    assert "本站数据从" in message and "2026年" in message and "没有" in message


def test_another_city_is_named(ask_demo):
    assert "本站没有北京的数据" in ask_demo("北京市去年的教育支出有多少")["decline"]["message"]


@pytest.mark.parametrize("q", [
    "2024年全市气象事务支出是多少",  # 气象 is a budget subject when spending is asked
    "去年自然资源海洋气象等支出",
    "前年松岗县低保支出多少",  # 低保 spending, not the procedure
    "2024年银杏区教育支出",  # a district the publication has
    "2024年全市财政支出合计",  # a total
    "2024年一共花了多少钱",
    "近三年教育支出变化",  # a trend reaching the first years
    "2026年9月的教育支出",  # a month already reached
    "今年上半年卫生健康支出",
    "有几个区执行率低于60%",  # 几个区 counts districts, it names none
    "去年国有土地使用权出让收入安排的支出",  # a spending class, not revenue
    "桂岭县教育局和卫生健康局的支出",
    "咱市去年教育支出",
    "哪个企业承建的项目最多",  # 企业 is the contractor
    "教育局给学校的经费",  # 经费 is money
    "去年全市修了多少公里农村公路",  # a quantity asked and answered in 公里
])
def test_near_misses_still_answer(ask_demo, q):
    result = ask_demo(q)
    assert result["decline"] is None and result["answer"] and result["answer"]["kind"] != "decline", q


def test_a_total_is_never_a_class(ask_demo):
    result = ask_demo("2024年全市财政支出合计")
    assert result["query"]["classes"] == [] and result["query"]["class_set"] is None


def test_a_total_is_never_filled_by_a_fuzzy_match():
    """The embedding matcher is not asked when the question asks for a total (「……财政支出合计」)."""
    from nlq import slots as slot_stage
    from nlq.lexicon import Entry

    asked = []

    def matcher(words):
        asked.append(words)
        return [(Entry("class", "204", "公共安全支出"), 0.91)]

    for text, unknown, filled in (("全国地方财政支出合计是多少", "地方", False),
                                  ("全国地方一般公共预算支出合计", "地方", False), ("花在治安上的钱", "治安", True)):
        slots = slot_stage.Slots(text=text)
        slots.unknown = [unknown]
        slot_stage.match_unknown(slots, matcher, False)
        assert bool(slots.classes) is filled, text


# 「2024年新建了多少所幼儿园」 left this list: its reading in 元 (the education spending) is the one refused, and a
# refused reading is never offered back (tests/test_nlq_wrong_figure_classes_22.py)
@pytest.mark.parametrize("q", ["市第一人民医院花了多少钱", "2031年社保和就业支出"])
def test_a_doubted_reading_is_offered_and_answers_when_chosen(ask_demo, q):
    """「您是不是想问」: the reading the parser was not sure of is a question that answers when asked."""
    alternatives = ask_demo(q)["alternatives"]
    assert alternatives, q
    chosen = ask_demo(alternatives[0]["question"])
    assert chosen["decline"] is None and chosen["answer"]["kind"] != "decline", alternatives[0]


def _matched(words_and_scores):
    from nlq import slots as slot_stage
    from nlq.lexicon import Entry

    slots = slot_stage.Slots(text="路灯花了多少钱")
    slots.unknown = ["路灯"]
    ranked = [(Entry("class", code, name), score) for code, name, score in words_and_scores]
    slot_stage.match_unknown(slots, lambda words: ranked, False)
    return slots


def test_a_fuzzy_match_needs_a_margin_over_another_family():
    close = _matched([("214", "交通运输支出", 0.894), ("207", "文化旅游体育与传媒支出", 0.873)])
    clear = _matched([("214", "交通运输支出", 0.930), ("207", "文化旅游体育与传媒支出", 0.873)])
    family = _matched([("204", "公共安全支出", 0.95), ("20406", "消防救援事务", 0.949), ("227", "预备费", 0.90)])
    assert close.unsure and close.unsure[1][:2] == ["交通运输支出", "文化旅游体育与传媒支出"]
    assert clear.unsure is None and clear.classes == ["214"]
    assert family.unsure is None  # a class and its 款 are one answer, not rivals


def test_api_and_page_show_the_reason(client):
    from portal.extensions import limiter

    limiter.enabled = False
    try:
        body = client.get("/api/ask", query_string={"q": "上海市教育支出", "as_of": "2026-10-31"}).get_json()
        page = client.get("/ask", query_string={"q": "低保怎么申请", "as_of": "2026-10-31"}).get_data(as_text=True)
    finally:
        limiter.enabled = True
    assert body["answer"] == {"kind": "decline", **body["decline"]} and body["decline"]["reason"] == "unknown_place"
    assert "本站公开预算和支出数字" in page and 'class="decline"' in page
