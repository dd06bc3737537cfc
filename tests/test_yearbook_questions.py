"""The question box on real data: 48 questions about 统计年鉴 表7-6 (2019–2023) through /api/ask.

Expected numbers come from the published files themselves (parsed by the yearbook importer and
added up here with Decimal), never typed in. Every question is its own test so that a failure names
the question; test_accuracy_report prints the overall accuracy.
"""
import importlib.util
from decimal import Decimal

import pytest
from conftest import _config_for

from ledger.importer.gazetteer import lookup
from ledger.importer.yearbook import TOTAL, bundled_yearbook_files, parse_workbook
from ledger.semantics import MINSHENG_CLASS_CODES

pytestmark = pytest.mark.skipif(importlib.util.find_spec("portal.views.ask") is None,
                                reason="portal/views/ask.py (/api/ask) does not exist yet")

YUAN_PER_YI = Decimal(100_000_000)
_TABLES = {}


def tables():
    if not _TABLES:
        _TABLES.update({t.year: t for t in (parse_workbook(p) for p in bundled_yearbook_files())})
    return _TABLES


def code(name):
    return lookup(name).code


def provinces(year):
    return [p.code for p in tables()[year].provinces()]


def spent(year, region, classes=None):
    """元 the portal holds: a class (or set), or the published total when classes is None; region None = all."""
    regions = provinces(year) if region is None else [code(region)]
    total = Decimal(0)
    for r in regions:
        row = tables()[year].values[r]
        if classes is None:
            total += row[TOTAL].value
        else:
            total += sum((row[c].value for c in classes if c in row), Decimal(0))
    return total * YUAN_PER_YI


def share(year, region, classes):
    return spent(year, region, classes) / spent(year, region) * 100


def growth(first, last, region, classes):
    return (spent(last, region, classes) / spent(first, region, classes) - 1) * 100, \
        spent(last, region, classes) - spent(first, region, classes)


def ranking(year, classes, *, by_share=False, reverse=True):
    values = {r: (share(year, lookup(r).name, classes) if by_share else spent(year, lookup(r).name, classes))
              for r in provinces(year)}
    return sorted(values, key=lambda r: values[r], reverse=reverse), values


M = list(MINSHENG_CLASS_CODES)
# (question, check, expected...) — expected values are computed lazily from the files.
QUESTIONS = [
    ("2023年广东省教育支出是多少？", "figure", lambda: spent(2023, "广东", ["205"])),
    ("2023年北京教育支出是多少？", "figure", lambda: spent(2023, "北京", ["205"])),
    ("2022年湖北省卫生健康支出是多少", "figure", lambda: spent(2022, "湖北", ["210"])),
    ("2021年浙江省社会保障和就业支出是多少", "figure", lambda: spent(2021, "浙江", ["208"])),
    ("2020年四川省农林水支出是多少", "figure", lambda: spent(2020, "四川", ["213"])),
    ("2019年上海市交通运输支出是多少", "figure", lambda: spent(2019, "上海", ["214"])),
    ("2023年内蒙古公共安全支出是多少", "figure", lambda: spent(2023, "内蒙古", ["204"])),
    ("2022年新疆住房保障支出是多少", "figure", lambda: spent(2022, "新疆", ["221"])),
    ("2023年西藏自治区一般公共服务支出是多少", "figure", lambda: spent(2023, "西藏", ["201"])),
    ("2021年广西科学技术支出是多少", "figure", lambda: spent(2021, "广西", ["206"])),
    ("2019年河南省城乡社区支出是多少", "figure", lambda: spent(2019, "河南", ["212"])),
    ("2020年山东节能环保支出", "figure", lambda: spent(2020, "山东", ["211"])),
    ("2019年宁夏的教育支出是多少", "figure", lambda: spent(2019, "宁夏", ["205"])),
    ("2021年黑龙江省社会保障和就业支出", "figure", lambda: spent(2021, "黑龙江", ["208"])),
    ("2022年陕西省金融支出是多少", "figure", lambda: spent(2022, "陕西", ["217"])),
    ("2023年甘肃文化旅游体育与传媒支出", "figure", lambda: spent(2023, "甘肃", ["207"])),
    ("2021年云南省灾害防治及应急管理支出是多少", "figure", lambda: spent(2021, "云南", ["224"])),
    ("2023年广东省一般公共预算支出是多少？", "figure", lambda: spent(2023, "广东")),
    ("2022年北京市总支出是多少", "figure", lambda: spent(2022, "北京")),
    ("2023年全国教育支出是多少", "figure", lambda: spent(2023, None, ["205"])),
    ("2021年全国一般公共预算支出是多少", "figure", lambda: spent(2021, None)),
    ("2020年全国卫生健康支出是多少", "figure", lambda: spent(2020, None, ["210"])),
    ("2023年广东民生支出是多少", "figure", lambda: spent(2023, "广东", M)),
    ("2020年河北民生支出是多少", "figure", lambda: spent(2020, "河北", M)),
    ("2022年哪个省卫生健康支出最高？", "top", lambda: ranking(2022, ["210"])),
    ("2023年哪个省教育支出最高", "top", lambda: ranking(2023, ["205"])),
    ("2021年哪个省交通运输支出最低", "top", lambda: ranking(2021, ["214"], reverse=False)),
    ("2019年哪个地区社会保障和就业支出最高", "top", lambda: ranking(2019, ["208"])),
    ("2023年哪个省一般公共预算支出最高", "top", lambda: ranking(2023, None)),
    ("2023年哪个省债务付息支出最少", "top", lambda: ranking(2023, ["232"], reverse=False)),
    ("2019年哪个省文化旅游体育与传媒支出最高", "top", lambda: ranking(2019, ["207"])),
    ("2020年科学技术支出排名前三的省", "top3", lambda: ranking(2020, ["206"])),
    ("2022年各省住房保障支出排名前五", "top5", lambda: ranking(2022, ["221"])),
    ("2022年各省教育支出排名", "top5", lambda: ranking(2022, ["205"])),
    ("2023年各省民生支出占比排名", "top5", lambda: ranking(2023, M, by_share=True)),
    ("2019到2023年北京社会保障和就业支出增长了多少？", "growth", lambda: growth(2019, 2023, "北京", ["208"])),
    ("2022年广东教育支出比上年增长多少", "growth", lambda: growth(2021, 2022, "广东", ["205"])),
    ("2020到2023年上海卫生健康支出增长率", "growth", lambda: growth(2020, 2023, "上海", ["210"])),
    ("2023年江苏省一般公共预算支出同比增长多少", "growth", lambda: growth(2022, 2023, "江苏", None)),
    ("2019年到2023年浙江教育支出变化趋势", "series",
     lambda: {y: spent(y, "浙江", ["205"]) for y in range(2019, 2024)}),
    ("2019年以来北京每年的卫生健康支出", "series",
     lambda: {y: spent(y, "北京", ["210"]) for y in range(2019, 2024)}),
    ("2023年北京和上海教育支出对比", "compare",
     lambda: {code("北京"): spent(2023, "北京", ["205"]), code("上海"): spent(2023, "上海", ["205"])}),
    ("2021年四川与重庆农林水支出比较", "compare",
     lambda: {code("四川"): spent(2021, "四川", ["213"]), code("重庆"): spent(2021, "重庆", ["213"])}),
    ("2022年广东比江苏教育支出多多少", "figure",
     lambda: spent(2022, "广东", ["205"]) - spent(2022, "江苏", ["205"])),
    ("2023年北京教育支出占比是多少", "share", lambda: share(2023, "北京", ["205"])),
    ("2022年广东卫生健康支出占总支出的比重", "share", lambda: share(2022, "广东", ["210"])),
    ("2023年全国民生支出占比", "share", lambda: share(2023, None, M)),
    ("2021年湖南省民生支出占比是多少", "share", lambda: share(2021, "湖南", M)),
]


def _close(value, expected, tolerance):
    return value is not None and abs(Decimal(str(value)) - Decimal(expected)) <= Decimal(tolerance)


def check(answer, kind, expected):
    """'' when the answer is right, else what is wrong (for the report)."""
    if not answer:
        return "no answer"
    if kind == "figure":
        return "" if _close(answer.get("value"), expected, "0.01") else f"value {answer.get('value')} != {expected:.2f}"
    if kind == "share":
        return "" if _close(answer.get("value"), expected, "0.01") else f"share {answer.get('value')} != {expected:.4f}%"
    if kind == "growth":
        pct, amount = expected
        if _close(answer.get("value"), pct, "0.01") or _close(answer.get("difference"), amount, "0.01"):
            return ""
        return f"growth {answer.get('value')}% / {answer.get('difference')} != {pct:.4f}% / {amount:.2f}"
    if kind in ("top", "top3", "top5"):
        order, values = expected
        n = {"top": 1, "top3": 3, "top5": 5}[kind]
        keys = answer.get("keys") or []
        if keys[:n] != order[:n]:
            return f"order {keys[:n]} != {order[:n]}"
        return "" if _close(answer.get("value"), values[order[0]], "0.01") else \
            f"top value {answer.get('value')} != {values[order[0]]}"
    if kind == "series":
        got = {int(str(r[0]).rstrip("年")): r[1] for r in answer.get("rows") or []}
        wrong = [y for y, v in expected.items() if not _close(got.get(y), v, "0.01")]
        return "" if not wrong else f"years {wrong} wrong: {got}"
    if kind == "compare":
        got = dict(zip(answer.get("keys") or [], [r[1] for r in answer.get("rows") or []]))
        wrong = [k for k, v in expected.items() if not _close(got.get(k), v, "0.01")]
        return "" if not wrong else f"regions {wrong} wrong: {got}"
    raise AssertionError(kind)


@pytest.fixture(scope="module")
def yearbook_client(tmp_path_factory):
    from portal import create_app
    from portal.cli import run_publish

    instance = tmp_path_factory.mktemp("yearbook-ask")
    config = {**_config_for(instance), "RATELIMIT_ENABLED": False, "RATELIMIT_ASK": "10000 per minute",
              "SEARCH_HYBRID": False}
    app = create_app(config)
    with app.app_context():
        run_publish(app, bundled_yearbook_files(), dataset="yearbook",
                    title="分地区一般公共预算支出（中国统计年鉴表7-6，2019–2023）", is_demo=False, created_by="tests")
    return app.test_client()


def ask(client, question):
    response = client.get("/api/ask", query_string={"q": question})
    if response.status_code == 405:
        response = client.post("/api/ask", json={"q": question, "question": question})
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:300])
    data = response.get_json()
    return data.get("answer") if isinstance(data.get("answer"), dict) else data.get("data", {}).get("answer")


RESULTS = {}


@pytest.mark.parametrize("question,kind,expected", QUESTIONS, ids=[f"q{i:02d}" for i in range(1, len(QUESTIONS) + 1)])
def test_question(yearbook_client, question, kind, expected):
    problem = check(ask(yearbook_client, question), kind, expected())
    RESULTS[question] = problem
    assert not problem, f"「{question}」: {problem}"


def test_accuracy_report(yearbook_client):
    assert len(QUESTIONS) >= 40
    for question, kind, expected in QUESTIONS:
        if question not in RESULTS:
            RESULTS[question] = check(ask(yearbook_client, question), kind, expected())
    right = sum(1 for q, _k, _e in QUESTIONS if not RESULTS[q])
    print(f"\nyearbook /api/ask accuracy: {right}/{len(QUESTIONS)} = {right / len(QUESTIONS):.0%}")
    for question, problem in RESULTS.items():
        if problem:
            print(f"  WRONG {question}: {problem}")
