"""The statistical name scorer (anonymize/namescore.py) and the rules that came with it (issue #19):
names with no cue found by what they are made of, boundaries that leave the next word alone, ordinary
words, produce and brands kept, and officials kept where the text names them again."""
import pytest

from anonymize import Deidentifier
from anonymize.names import find_names
from anonymize.namescore import given_log_ratio, surname_log_ratio


def scrubbed(text):
    return Deidentifier("unit-test-key").text(text)


def test_given_name_characters_score_above_function_characters():
    assert given_log_ratio("伟") > 2 > given_log_ratio("的")
    assert given_log_ratio("芳") > given_log_ratio("用")


def test_rare_surnames_score_above_surnames_that_are_everyday_characters():
    assert surname_log_ratio("郄", 400) > surname_log_ratio("高", 8)
    assert surname_log_ratio("逄", 300) > surname_log_ratio("向", 100)


@pytest.mark.parametrize("text, name", [
    ("昨天邰春生骑车摔进沟里了", "邰春生"),          # no cue word at all: rare surname + name characters
    ("核查中发现，郄宝华申报面积偏大", "郄宝华"),
    ("涉及承包户满福全、满福财两兄弟", "满福全"),    # a surname jieba glued to the role word before it
    ("居民白雪反映暖气不热", "白雪"),               # an ordinary word with context on both sides
])
def test_names_without_a_cue_rule_are_masked(text, name):
    assert name not in scrubbed(text)


@pytest.mark.parametrize("text, kept", [
    ("经查，覃志明冒领补贴两年", "冒领补贴"),   # the following verb is never swallowed
    ("核查中发现，郄宝华申报面积偏大", "申报面积"),
])
def test_the_next_word_stays_whole(text, kept):
    assert kept in scrubbed(text)


@pytest.mark.parametrize("text", [
    "白雪覆盖了山路", "夏天用电高峰", "黄金梨产业园扩建", "东方红拖拉机一台", "常年坚持巡河", "高速公路收费站",
    "朱德故里景区周边道路",
])
def test_words_produce_brands_and_places_stay(text):
    assert scrubbed(text) == text


@pytest.mark.parametrize("text", [
    "村主任税德华的弟弟承包工程，镇纪委要求税德华回避",   # named in role once, the same official later
    "已支付800.00 经办温立伟 复核赵淑芬",              # signature fields without a colon
    "关于村道维修的答复（廖红梅代表）：已修复",          # the delegate's own bracket
    "汪洋代表接待选民",
    "屯长佟国华主持会议", "村文书李顺华负责登记",        # village officers in role
    "监督：镇纪委崔明顺",
    "会计：何丽",
    "刘建华代表（回族）：建议增设公交站",              # any bracket right after 代表
    "区农业农村局技术员周立新每周下村",                 # a body's technician
    "镇文旅办孙宇主持会议",                            # a township office
])
def test_officials_in_role_stay(text):
    assert scrubbed(text) == text


def test_scored_names_come_with_their_source():
    spans = find_names("昨天邰春生骑车摔进沟里了")
    assert [(s.value, s.kind, s.source) for s in spans] == [("邰春生", "person_name", "stat")]
