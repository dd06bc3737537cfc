"""Colloquial and dialect words for an amount of money (issue #18, the [colloquial measure words] class):
「几个钱」「多少个钱」「好多钱」「几多」「铜钿」 ask how much money, 「一年」 after a year or before 预算 says the
whole year. semantic.toml [colloquial] turns them into their Mandarin words before the question is read, so each
question here is answered exactly like its plain twin; 「修了多少米」 still asks for metres. Questions in words of
our own."""
import pytest
from conftest import ask_at

PAIRS = [
    ("澄湖区今年教育预算几个钱", "澄湖区今年教育预算多少钱"),
    ("星桥区去年农林水花了多少个钱", "星桥区去年农林水花了多少钱"),
    ("枫林区今年卫生健康一共开支了好多钱", "枫林区今年卫生健康一共开支了多少钱"),
    ("鹭洲区去年教育支出花了几多", "鹭洲区去年教育支出花了多少"),
    ("云峰县前年交通运输用脱多少铜钿", "云峰县前年交通运输用了多少钱"),
    ("松岗县今年教育花了多少米", "松岗县今年教育花了多少钱"),
    ("市审计局去年一年花了多少钱", "市审计局去年花了多少钱"),
    ("市统计局一年预算是多少", "市统计局预算是多少"),
]


@pytest.fixture(scope="module")
def ask(demo_app):
    return lambda question: ask_at(demo_app, question)


@pytest.mark.parametrize("colloquial, plain", PAIRS)
def test_a_colloquial_money_word_is_answered_like_its_plain_twin(ask, colloquial, plain):
    said, twin = ask(colloquial), ask(plain)
    assert twin["answer"]["kind"] != "decline", twin["understood"]
    assert said["answer"]["kind"] == twin["answer"]["kind"], said["understood"]
    assert said["answer"]["value"] == twin["answer"]["value"]
    assert said["understood"] == twin["understood"]
    assert said["answer"]["unit"] == "元"


def test_metres_after_a_verb_of_building_stay_metres():
    from nlq.text import colloquial
    from nlq.vocab import semantic

    rules = semantic()["colloquial"]["replace"]
    assert colloquial("今年修了多少米", rules) == "今年修了多少米"
    assert colloquial("今年花了多少米", rules) == "今年花了多少钱"
    # a year of twelve months said again, not the months of a rolling year
    assert colloquial("近1年支出", rules) == "近1年支出"
    assert colloquial("上1年预算", rules) == "上1年预算"  # the year before, not the whole year
    assert colloquial("哪1年支出最多", rules) == "哪1年支出最多"  # which year
    assert colloquial("2025年1月支出", rules) == "2025年1月支出"
