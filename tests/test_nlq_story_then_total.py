"""A relative in the asker's story, then the total of everyone asked (issue #18, the [asides and preambles] class):
「我姑姑在领低保，全市今年低保一共发了多少」 asks the city's total — the clause telling of the relative asks
nothing, the clause that asks says 全市/一共 and names no one. Asked of one person (「我姑姑领了多少低保」), or
with the person's name, it is still declined for privacy. Questions in words of our own."""
import pytest
from conftest import ask_at, declined_message


@pytest.mark.parametrize("story, plain", [
    ("我姑姑在领低保，全市今年低保一共发了多少", "全市今年低保一共发了多少"),
    ("我姥爷说高龄津贴去年发得挺准时，全市去年一共发了多少高龄津贴", "全市去年一共发了多少高龄津贴"),
])
def test_the_total_after_a_relatives_story_is_answered(demo_app, story, plain):
    said, twin = ask_at(demo_app, story), ask_at(demo_app, plain)
    assert twin["answer"]["kind"] != "decline", twin["understood"]
    assert said["answer"]["value"] == twin["answer"]["value"] and said["understood"] == twin["understood"]


@pytest.mark.parametrize("question", [
    "我姑姑领了多少低保，全市一共发了多少",  # the relative's own amount is asked too
    "我姑姑每个月领多少低保",
    "我邻居赵秀英的高龄津贴全年一共领了多少",  # a name, and the total of that one person
])
def test_one_persons_receipt_is_still_declined(demo_app, question):
    assert "个人" in declined_message(ask_at(demo_app, question))
