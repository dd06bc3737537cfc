"""Write tests/data/nlq_eval.jsonl: questions over the demo with *what* to compute for the answer.

Run: .venv/bin/python tests/data/make_nlq_eval.py path/to/mingzhang.db
Each line: {"q", "kind", "expect": {...}}. The expectation names tables, codes and periods
explicitly (resolved here with plain SQL); tests/test_nlq_eval.py computes the figure itself
with straight SQL and compares it with /api/ask. Nothing here imports nlq.
"""
import json
import random
import sqlite3
import sys
from pathlib import Path

AS_OF_YEAR, AS_OF_MONTH = 2026, 10
OUT = Path(__file__).with_name("nlq_eval.jsonl")
MINSHENG = ["205", "207", "208", "210", "211", "212", "213", "221"]

# time phrase -> (years, months) ; months None = whole year
TIMES = [
    ("2024年", [2024], None), ("2023年", [2023], None), ("去年", [2025], None), ("前年", [2024], None),
    ("23年", [2023], None), ("二〇二二年", [2022], None), ("2025年", [2025], None),
    ("今年上半年", [2026], (1, 6)), ("今年前三季度", [2026], (1, 9)), ("今年1-9月", [2026], (1, 9)),
    ("今年1至6月", [2026], (1, 6)), ("上个月", [2026], (9, 9)), ("2025年上半年", [2025], (1, 6)),
    ("2024年1到3月", [2024], (1, 3)), ("今年", [2026], None),
]
CLASS_WORDS = {
    "205": ["教育", "教育支出", "上学"], "210": ["卫生健康", "看病", "医疗", "卫生健康支出"],
    "208": ["社会保障和就业", "社保", "养老"], "214": ["交通运输", "交通"], "213": ["农林水", "农林水利"],  # 「水利」 alone is the 款 21303
    "221": ["住房保障", "保障房"], "204": ["公共安全", "治安"], "212": ["城乡社区"], "206": ["科技", "科学技术"],
    "211": ["节能环保", "环保"], "207": ["文化旅游体育与传媒", "文旅"],
}


def main(db):
    con = sqlite3.connect(db)
    pub = con.execute("select max(id) from publications where status='published'").fetchone()[0]
    regions = con.execute("select code, name, short_name from regions where publication_id=? and level=1 order by code",
                          (pub,)).fetchall()
    rnd = random.Random(20241101)
    items = []

    def add(q, kind, **expect):
        items.append({"q": q, "kind": kind, "expect": expect})

    def rname(r, short=False):
        return r[2] if short else r[1]

    # figure
    for i in range(45):
        t, years, months = rnd.choice(TIMES)
        code = rnd.choice(list(CLASS_WORDS))
        word = rnd.choice(CLASS_WORDS[code])
        region = rnd.choice([None, None] + regions)
        where = "全市" if region is None else rname(region, rnd.random() < 0.4)
        tpl = rnd.choice(["{t}{w}{c}支出是多少？", "{t}{w}{c}花了多少钱", "{w}{t}在{c}上花了多少", "{t}{w}的{c}支出",
                          "請問{t}{w}{c}支出多少"])
        add(tpl.format(t=t, w=where, c=word), "figure", type="sum", table="expenditures", years=years, months=months,
            regions=[region[0]] if region else None, classes=[code])
    for i in range(8):
        t, years, months = rnd.choice([x for x in TIMES if x[2] is None])
        code = rnd.choice(list(CLASS_WORDS))
        add(f"{t}全市{CLASS_WORDS[code][0]}预算是多少", "figure", type="sum", table="budgets", years=years,
            regions=None, classes=[code])
    add("今年1-9月一般公共预算支出", "figure", type="sum", table="expenditures", years=[2026], months=(1, 9))

    # execution
    for i in range(25):
        t, years, months = rnd.choice([x for x in TIMES if x[1] == [2026] or x[2] is None])
        code = rnd.choice(list(CLASS_WORDS))
        tpl = rnd.choice(["{t}{c}支出执行进度怎么样", "{t}{c}预算执行率是多少", "{t}{c}的执行率"])
        add(tpl.format(t=t, c=CLASS_WORDS[code][0]), "execution", type="rate", years=years, months=months,
            regions=None, classes=[code])
    for i in range(10):
        t, years, months = rnd.choice([x for x in TIMES if x[1] == [2026] or x[2] is None])
        add(rnd.choice([f"{t}各区预算执行率", f"{t}各区县执行率", f"{t}每个区的预算执行率"]), "execution",
            type="group_rate", group="region", years=years, months=months, order="desc")
    for pct in (50, 60, 70, 80, 90):
        t, years, months = rnd.choice([("今年", [2026], None), ("2025年", [2025], None), ("今年上半年", [2026], (1, 6))])
        add(f"{t}哪些部门执行率低于{pct}%", "execution", type="group_rate", group="dept", years=years, months=months,
            order="asc", below=pct / 100)

    # ranking
    for i in range(40):
        t, years, months = rnd.choice([x for x in TIMES if x[2] is None])
        choice = i % 4
        if choice == 0:
            n = rnd.choice([3, 5, 10])
            add(rnd.choice([f"{t}支出最多的{n}个部门", f"{t}花钱最多的前{n}个部门"]), "ranking", type="group_sum",
                group="dept", years=years, months=months, order="desc", limit=n)
        elif choice == 1:
            add(rnd.choice([f"{t}哪个区民生支出占比最高？", f"{t}民生支出占比最高的是哪个区"]), "ranking",
                type="group_share", group="region", years=years, months=months, order="desc", limit=1, class3=MINSHENG)
        elif choice == 2:
            code = rnd.choice(list(CLASS_WORDS))
            add(f"{t}哪个区{CLASS_WORDS[code][0]}支出最多", "ranking", type="group_sum", group="region", years=years,
                months=months, order="desc", limit=1, classes=[code])
        else:
            n = rnd.choice([5, 10])
            add(rnd.choice([f"投资最大的{n}个项目", f"总投资最多的前{n}个项目"]), "ranking", type="project_top", limit=n)

    # comparison
    for i in range(35):
        t, years, months = rnd.choice(TIMES)
        a, b = rnd.sample(regions, 2)
        code = rnd.choice(list(CLASS_WORDS))
        c = CLASS_WORDS[code][0]
        if i % 3 == 2:
            add(f"{rname(a)}{t}{c}支出比{rname(b)}多多少", "comparison", type="diff", years=years, months=months,
                regions=[a[0], b[0]], classes=[code])
        else:
            tpl = rnd.choice(["比较{a}和{b}{t}的{c}支出", "{t}{a}与{b}{c}支出对比", "{a}跟{b}{t}{c}支出比一比"])
            add(tpl.format(a=rname(a, i % 2 == 0), b=rname(b), t=t, c=c), "comparison", type="compare", years=years,
                months=months, regions=[a[0], b[0]], classes=[code])

    # trend
    for i in range(30):
        code = rnd.choice(list(CLASS_WORDS))
        n = rnd.choice([3, 4, 5])
        region = rnd.choice([None] + regions[:4])
        where = "全市" if region is None else rname(region)
        tpl = rnd.choice(["近{n}年{w}{c}支出变化", "近{n}年{w}{c}支出趋势", "最近{n}年{w}{c}支出走势"])
        add(tpl.format(n="三四五"[n - 3] if i % 2 else n, w=where, c=CLASS_WORDS[code][0]), "trend", type="series",
            years=list(range(AS_OF_YEAR - n + 1, AS_OF_YEAR + 1)), regions=[region[0]] if region else None,
            classes=[code])
    for i in range(5):
        code = rnd.choice(list(CLASS_WORDS))
        add(f"2021到2025年{CLASS_WORDS[code][0]}支出变化", "trend", type="series", years=[2021, 2022, 2023, 2024, 2025],
            regions=None, classes=[code])

    # growth
    for i in range(35):
        year = rnd.choice([2022, 2023, 2024, 2025])
        code = rnd.choice(list(CLASS_WORDS))
        tpl = rnd.choice(["{y}年{c}支出同比增长多少", "{y}年{c}支出比上年增长了多少", "{y}年{c}支出增幅"])
        months = None
        if i % 5 == 4:
            tpl, months = "{y}年上半年{c}支出同比增长多少", (1, 6)
        add(tpl.format(y=year, c=CLASS_WORDS[code][0]), "growth", type="growth", years=[year - 1, year],
            months=months, regions=None, classes=[code])

    # share
    for i in range(30):
        t, years, months = rnd.choice([x for x in TIMES if x[2] is None] + TIMES[7:9])
        if i % 3 == 2:
            add(rnd.choice([f"{t}各区民生支出占比", f"{t}各区县民生支出占比是多少"]), "share", type="group_share",
                group="region", years=years, months=months, order="desc", class3=MINSHENG)
        else:
            code = rnd.choice(list(CLASS_WORDS))
            region = rnd.choice([None, None] + regions)
            where = "全市" if region is None else rname(region)
            tpl = rnd.choice(["{t}{w}{c}支出占总支出的比例", "{t}{w}{c}支出占比多少", "{t}{w}{c}占比"])
            add(tpl.format(t=t, w=where, c=CLASS_WORDS[code][0]), "share", type="share", years=years, months=months,
                regions=[region[0]] if region else None, classes=[code])
    for t, years in (("2024年", [2024]), ("去年", [2025])):
        add(f"{t}全市民生支出占比", "share", type="share", years=years, months=None, regions=None, class3=MINSHENG)

    # projects
    cats = con.execute("select category, output_unit from projects where publication_id=? group by 1,2", (pub,)).fetchall()
    for t, years in (("去年", [2025]), ("2024年", [2024]), ("2023年", [2023]), ("今年", [2026])):
        for cat, unit in cats:
            if unit in ("公里", "亩", "平方米", "套"):
                add(f"{t}全市修了多少{unit}{cat}？" if unit == "公里" else f"{t}{cat}完成了多少{unit}", "project",
                    type="output", years=years, category=cat, unit=unit)
    add("有哪些项目进度滞后？", "project", type="project_list", status="滞后")
    add("哪些项目延期了", "project", type="project_list", status="滞后")
    add("中标项目最多的承包商是哪家？", "project", type="contractor_top")
    add("哪家公司承建的项目最多", "project", type="contractor_top")
    for t, years in (("今年", [2026]), ("去年", [2025]), ("2024年", [2024])):
        add(f"{t}新开工多少个民生项目？", "project", type="project_count", start_years=years, class3=MINSHENG)
        add(f"{t}新开工了几个项目", "project", type="project_count", start_years=years)
    # Project names change with the demo generator: the test fills in the k-th project (by code)
    # with a unique, unmasked name, chosen by plain SQL.
    for k in rnd.sample(range(0, 300), 14):
        add(rnd.choice(["{project}进展如何？", "{project}进度怎么样", "{project}建得怎么样了"]), "project",
            type="project_progress", pick=k)
    for r in regions[:5]:
        add(f"{r[1]}有哪些项目滞后", "project", type="project_list", status="滞后", regions=[r[0]])

    with OUT.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(items)} questions -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
