"""Questions typed in Latin letters (issue #18: the [pinyin], [pinyin initials] and [English question] classes).
nlq/latin.py reads a Latin word only when it spells exactly one name or word: full pinyin, the initials of one
name of the publication, or an English term; the notes say how each was read. A question wholly in English is read
only when every word of it is understood — otherwise it is declined in Chinese, never read in part. Questions in
words of our own."""
import pytest
from conftest import ask_at


@pytest.fixture(scope="module")
def ask(demo_app):
    return lambda question: ask_at(demo_app, question)


@pytest.fixture(scope="module")
def ask_yearbook(yearbook_app):
    return lambda question: ask_at(yearbook_app, question)


CITY_PAIRS = [
    ("meixi xian qunian nonglinshui zhichu", "梅溪县去年农林水支出"),  # full pinyin, syllables apart
    ("fenglinqu jinnian yusuan", "枫林区今年预算"),  # a name's syllables glued
    ("chq去年教育支出多少", "澄湖区去年教育支出多少"),  # the initials of one region
    ("How much did the city spend on transport in 2024?", "2024年全市交通运输花了多少"),
    ("Meixi County health spending in 2025", "2025年梅溪县卫生健康支出"),
]


@pytest.mark.parametrize("latin, chinese", CITY_PAIRS)
def test_latin_letters_read_like_the_chinese_question(ask, latin, chinese):
    said, twin = ask(latin), ask(chinese)
    assert twin["answer"]["kind"] != "decline", twin["understood"]
    assert said["answer"]["kind"] == twin["answer"]["kind"], said["understood"]
    assert said["answer"]["value"] == twin["answer"]["value"]
    assert said["understood"] == twin["understood"]


def test_each_latin_word_read_is_said_in_the_notes(ask):
    notes = ask("chq去年教育支出多少")["notes"]
    assert "「chq」按「澄湖区」理解" in notes


def test_an_english_question_on_the_yearbook(ask_yearbook):
    said = ask_yearbook("What was Hunan's agriculture spending in 2020?")
    twin = ask_yearbook("2020年湖南农林水支出是多少")
    assert said["answer"]["value"] == twin["answer"]["value"] and said["understood"] == twin["understood"]


@pytest.mark.parametrize("question", [
    "DROP TABLE expenditures",  # English words that are no question: never read in part as 「支出」
    "Why did the city cut its education budget in 2025?",  # a word not understood (why, cut, its)
    "hello",
    "bkq今年教育支出多少",  # initials of no name
])
def test_latin_letters_that_spell_nothing_are_declined(ask, question):
    result = ask(question)
    assert result["answer"] is None or result["answer"]["kind"] == "decline", result["understood"]
    assert result["understood"] and not result["understood"].isascii()


def test_a_spelling_of_two_words_is_read_as_neither():
    """shi spells 市 and 是 alike: a question box word of two readings stays as typed."""
    from nlq.latin import _one

    assert _one({"市", "是"}) is None and _one({"市"}) == "市"
