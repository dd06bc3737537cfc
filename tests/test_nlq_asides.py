"""Words around a question that are no part of it (issue #18, the [asides and preambles] class of nlq_blind14–15):
who asks, where the question comes from, how the asker feels, how the answer should be written. nlq/asides.py
drops a clause that names nothing and asks nothing, a yes-or-no clause beside the clause that asks for the
figure, a claim that only repeats what the question names, and words before 那个 that name nothing.

Each question here is asked twice, with and without the aside: the answer must be the same figure and the same
restatement (the answer restates the question without its asides), and the note says what was left aside.
Questions in words of our own."""
import pytest
from conftest import DEMO_AS_OF, declined_message

PAIRS = [
    # who asks
    ("在读研究生请教一下，鹭洲区今年社会保障和就业支出预算是多少", "鹭洲区今年社会保障和就业支出预算是多少"),
    # how the asker feels ("啥都"/"什么都" say "anything": they ask nothing)
    ("鹭洲区今年预算执行率多少呀，总觉得什么都没干", "鹭洲区今年预算执行率多少呀"),
    ("星桥区今年预算执行率多少，感觉他们啥都没修", "星桥区今年预算执行率多少"),
    # a claim the question restates, and a request to check it
    ("有同事在群里讲枫林区今年卫生健康预算少了，帮忙看看：2026年枫林区卫生健康预算比2025年多还是少，差多少",
     "2026年枫林区卫生健康预算比2025年多还是少，差多少"),
    ("群里有人说滞后的项目很多，目前农村公路项目里滞后的有几个", "目前农村公路项目里滞后的有几个"),
    # a label set apart by a space
    ("期末论文 去年枫林区卫生健康支出多少", "去年枫林区卫生健康支出多少"),
    # how the answer should be written
    ("今年星桥区教育支出多少？主任要求写到万元", "今年星桥区教育支出多少？"),
    # who the asker is, before 那个
    ("孩子学校那个澄湖区职业中学运动场改造进度多少", "澄湖区职业中学运动场改造进度多少"),
    # where the asker lives, when the question names a place of its own
    ("我住在枫林区，星桥区文化公园建设工程进度多少", "星桥区文化公园建设工程进度多少"),
    # a clause taken for a department's name (「…常委会」) that only repeats what the question names
    ("常委会要听取农村公路工作汇报，目前农村公路项目里状态是滞后的有几个", "目前农村公路项目里状态是滞后的有几个"),
]


@pytest.mark.parametrize("with_aside, bare", PAIRS)
def test_an_aside_changes_nothing_in_the_answer(ask_demo, with_aside, bare):
    asked, plain = ask_demo(with_aside), ask_demo(bare)
    assert plain["answer"]["kind"] != "decline", plain["understood"]
    assert asked["answer"]["kind"] == plain["answer"]["kind"], asked["understood"]
    assert asked["answer"].get("value") == plain["answer"].get("value")
    assert asked["understood"] == plain["understood"]
    assert any(note.startswith("略去与问题无关的话") for note in asked["notes"]), asked["notes"]


@pytest.mark.parametrize("q", [
    # a clause naming a facility the publication lacks is part of the question, whatever else it repeats
    "枫林区民办医院，枫林区去年卫生健康支出是多少",
    "去年枫林区卫生健康支出是多少 我想知道其中民办医院的部分",
    # data the publication does not have stays declined with an aside before it
    "听说很多人关心，今年星桥区的GDP是多少",
    "我家亲戚说的，去年示例市土地出让收入多少",
    # a request, not a question: the words before 那个 are what is asked of the site
    "麻烦把那个举报材料转交给市财政局",
])
def test_an_aside_never_turns_a_decline_into_an_answer(ask_demo, q):
    assert declined_message(ask_demo(q))


def test_nothing_is_dropped_when_nothing_else_asks(demo_app):
    """Only clauses beside a question that names something and asks are asides: 「谢谢」 alone, or a story
    with no question in it, stays as it was (and is declined as before)."""
    from ledger.db import current_publication
    from nlq import asides
    from nlq.lexicon import for_publication

    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        lexicon = for_publication(conn, current_publication(conn)["id"], demo_app.config)
    as_of = DEMO_AS_OF
    for text in ("谢谢", "感觉大家都很关心，我也想了解一下", "星桥区 学校 预算"):
        assert asides.strip(text, lexicon, as_of) == (text, [])
    # 退休 is read as a class (社会保障和就业): a clause that names only what the question names is an aside
    kept, dropped = asides.strip("退休老党员想了解一下，枫林区今年社会保障和就业支出预算是多少", lexicon, as_of)
    assert kept.startswith("枫林区今年") and dropped == ["退休老党员想了解一下"]
