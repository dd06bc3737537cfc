"""Two figures asked at once (two measures, or two groups of places side by side): the answer starts with one
plain sentence stating each figure, not the numbered restatement followed by the values again; the table
comes after it."""
import pytest


@pytest.mark.parametrize("q", ["枫林区今年卫生健康的预算是多少，已经花了多少", "今年市本级、区县合计各花了多少钱",
                               "2025年市本级比区县合计多花了多少"])
def test_two_figures_are_stated_in_one_plain_sentence(ask_demo, q):
    result = ask_demo(q)
    said, rows = result["sentence"], result["answer"]["rows"]
    assert said and said.endswith("。") and said.count("。") == 1, said
    assert not any(mark in said for mark in ("①", "②", "分组并列", "两个数字", "多多少：")), said
    for row in rows:
        assert row[2] in said, (row, said)
    assert said != result["understood"]



def test_a_difference_of_two_groups_names_the_larger_side(ask_demo):
    result = ask_demo("2025年市本级比区县合计多花了多少")
    said, (first, second) = result["sentence"], result["answer"]["rows"]
    word = "多" if first[1] >= second[1] else "少"
    assert f"{first[0]}比{second[0]}{word}{result['answer']['display'].replace(' ', '').lstrip('-')}" in said, said
