"""De-identification at province scale (issue #14): known names and public terms found in time that does
not grow with their number (anonymize.literals), and free text scrubbed ahead in forked workers with
exactly the results of scrubbing it as it comes (Deidentifier.prescrub)."""
import random
import re

from anonymize import Deidentifier, deidentify
from anonymize.literals import LiteralAlternation
from anonymize.names import KnownNames

CHARS = "王李张刘陈杨黄赵建国华明区县镇村路桥山水示例"


def _regex(terms):
    return re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))


def test_same_matches_as_the_alternation_regex():
    rng = random.Random(14)
    for _ in range(300):
        terms = {"".join(rng.choice(CHARS) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 60))}
        regex, literal = _regex(terms), LiteralAlternation(terms)
        for _ in range(20):
            text = "".join(rng.choice(CHARS + "，。 1") for _ in range(rng.randint(0, 80)))
            assert [(m.start(), m.end(), m.group(0)) for m in literal.finditer(text)] == \
                [(m.start(), m.end(), m.group(0)) for m in regex.finditer(text)]
            found, expected = literal.search(text), regex.search(text)
            assert (found.start(), found.end()) == expected.span() if expected else found is None


def test_work_per_position_does_not_grow_with_the_number_of_names():
    # (the time itself is bench/known_names.py's: it prints CPU seconds per count of names, no timed test here)
    # what makes the search not grow: each text position tries one lookup per distinct length of the names that
    # start with its character (three-character names: one), however many names there are — and the matches
    # are still the alternation regex's
    rng = random.Random(15)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "伟强军勇杰涛明超刚平辉鹏华飞芳娟敏静丽艳娜"
    texts = ["".join(rng.choice(surnames + given + "的了在是项目工程完成，。") for _ in range(120)) for _ in range(100)]
    for count in (200, 8000):
        names = {rng.choice(surnames) + rng.choice(given) + rng.choice(given) for _ in range(count)}
        known = KnownNames(names)
        assert max(map(len, known.pattern._lengths.values())) == 1
        regex = _regex(names)
        for text in texts:
            assert [m.span() for m in regex.finditer(text)] == \
                [(m.start(), m.end()) for m in known.pattern.finditer(text)]


def test_prescrub_in_workers_gives_what_text_gives(monkeypatch):
    monkeypatch.setattr(deidentify, "PARALLEL_MIN_TEXTS", 1)
    known = {"张建国": "受助人", "李秀英": "个人承包方"}
    texts = [f"村民张建国（电话1380013{n:04d}）反映第{n}段路基沉降，李秀英已到场处理。" for n in range(60)]
    texts += ["联系人：王小明 13900001111", "住示例市鹭洲区白沙街道锦绣小区3栋2单元101室", "", None, "完成路基施工。"]
    sequential = Deidentifier("k", known, public_terms=["鹭洲区"])
    expected = [sequential.text(t) for t in texts]
    parallel = Deidentifier("k", known, public_terms=["鹭洲区"])
    assert parallel.prescrub(texts * 2, processes=2) == 63  # distinct texts that need scrubbing
    assert [parallel.text(t) for t in texts] == expected
    assert parallel.counts == sequential.counts
    assert any("张建国" not in t and "受助人" in t for t in expected if t)
