"""General parsing rules of the question box, each checked with fresh wordings against straight SQL.

Rules: cue words count only outside names and time words; years side by side (relative words, a month
phrase after each); execution rates asked as 几成; changes of a rate in percentage points; shares of a
parent class (全区/全县 = the region already named), of budgets, of project amounts; the whole named
before 中; class rankings asked with 类别; typo'd region names matched by sound and said so; unknown
region names said so instead of silently answering for the whole city.
"""
import pytest

AS_OF = "2026-10-31"


@pytest.fixture()
def ask(client):
    from portal.extensions import limiter

    limiter.enabled = False

    def get(q):
        response = client.get("/api/ask", query_string={"q": q, "as_of": AS_OF})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    yield get
    limiter.enabled = True


def _pub(db):
    return db.execute("select max(id) from publications where status = 'published'").fetchone()[0]


def _region(db, name):
    return db.execute("select code from regions where publication_id = ? and name = ?", (_pub(db), name)).fetchone()[0]


def spent(db, year, months=(1, 12), region=None, prefix=""):
    sql = ("select coalesce(sum(amount_fen), 0) from expenditures where publication_id = ? and year = ? "
           "and month between ? and ? and class_code like ?")
    args = [_pub(db), year, months[0], months[1], prefix + "%"]
    if region:
        sql += " and region_code = ?"
        args.append(region)
    return db.execute(sql, args).fetchone()[0]


def budget(db, year, region=None, prefix=""):
    sql = "select coalesce(sum(budget_fen), 0) from budgets where publication_id = ? and year = ? and class_code like ?"
    args = [_pub(db), year, prefix + "%"]
    if region:
        sql += " and region_code = ?"
        args.append(region)
    return db.execute(sql, args).fetchone()[0]


def close(got, want, tol=0.01):
    return got is not None and abs(got - want) <= tol


def test_time_words_are_not_cues(ask, db):
    """「前年」 holds 前 (a ranking cue): a total is still a total, not a ranked list."""
    body = ask("前年全市公园绿地项目总投资一共是多少")
    assert body["answer"]["kind"] == "figure" and body["answer"]["unit"] == "元"
    want = db.execute("select sum(total_investment_fen) from projects where publication_id = ? and year = 2024 "
                      "and category = '公园绿地'", (_pub(db),)).fetchone()[0]
    assert close(body["answer"]["value"], want / 100)


def test_two_relative_years_side_by_side(ask, db):
    code = _region(db, "梅溪县")
    body = ask("梅溪县去年和今年的执行率对比")
    rows = body["answer"]["rows"]
    assert [r[0] for r in rows] == ["2025年", "2026年"]
    assert close(rows[0][1], spent(db, 2025, region=code) / budget(db, 2025, region=code) * 100)


def test_the_same_months_of_two_years(ask, db):
    body = ask("2024年前三季度和2025年前三季度全市教育支出比一比")
    rows = body["answer"]["rows"]
    assert [r[0] for r in rows] == ["2024年", "2025年"]
    assert close(rows[0][1], spent(db, 2024, (1, 9), prefix="205") / 100)
    assert close(rows[1][1], spent(db, 2025, (1, 9), prefix="205") / 100)


def test_how_many_tenths_of_the_budget_were_spent(ask, db):
    code = _region(db, "竹源县")
    body = ask("竹源县前年预算用掉了百分之几")
    assert body["answer"]["unit"] == "%"
    assert close(body["answer"]["value"], spent(db, 2024, region=code) / budget(db, 2024, region=code) * 100)


def test_change_of_a_rate_in_percentage_points(ask, db):
    code = _region(db, "澄湖区")
    body = ask("澄湖区去年的执行率比前年提高了多少个百分点")
    rate = {y: spent(db, y, region=code) / budget(db, y, region=code) * 100 for y in (2024, 2025)}
    assert body["answer"]["unit"] == "个百分点"
    assert close(body["answer"]["value"], rate[2025] - rate[2024])


def test_share_of_the_parent_class_in_the_same_district(ask, db):
    code = _region(db, "松岗县")
    body = ask("松岗县去年普通教育支出占全县教育支出的比重是多少")
    want = spent(db, 2025, region=code, prefix="20502") / spent(db, 2025, region=code, prefix="205") * 100
    assert close(body["answer"]["value"], want)


def test_share_of_budgets(ask, db):
    code = _region(db, "枫林区")
    body = ask("去年枫林区的预算占全市预算的比重")
    assert close(body["answer"]["value"], budget(db, 2025, region=code) / budget(db, 2025) * 100)
    assert "预算" in body["understood"]


def test_whole_named_before_zhong(ask, db):
    code = _region(db, "鹭洲区")
    body = ask("去年全市支出中鹭洲区花的占多大比例")
    assert close(body["answer"]["value"], spent(db, 2025, region=code) / spent(db, 2025) * 100)


def test_project_amount_shares(ask, db):
    pub = _pub(db)
    part, whole = db.execute(
        "select sum(case when category = '养老服务设施' then total_investment_fen else 0 end), sum(total_investment_fen) "
        "from projects where publication_id = ? and year = 2025", (pub,)).fetchone()
    body = ask("去年养老服务设施项目投资占全部项目总投资的比重")
    assert close(body["answer"]["value"], part / whole * 100)
    paid, invested = db.execute("select sum(disbursed_fen), sum(total_investment_fen) from projects "
                                "where publication_id = ? and category = '农村公路'", (pub,)).fetchone()
    body = ask("农村公路项目的拨付资金占总投资多少比例")
    assert close(body["answer"]["value"], paid / invested * 100)


def test_contractor_disbursed_total(ask, db):
    contractor, paid = db.execute(
        "select contractor, sum(disbursed_fen) from projects where publication_id = ? and contractor is not null "
        "group by contractor order by count(*) desc, contractor limit 1", (_pub(db),)).fetchone()
    body = ask(f"{contractor}承建的项目拨付了多少钱")
    assert body["answer"]["unit"] == "元" and close(body["answer"]["value"], paid / 100)


def test_lowest_classes_asked_with_leibie(ask, db):
    body = ask("前年全市花钱最少的两个支出类别")
    rows = db.execute("select substr(class_code, 1, 3) c, sum(amount_fen) s from expenditures "
                      "where publication_id = ? and year = 2024 group by c order by s asc limit 2", (_pub(db),)).fetchall()
    names = [db.execute("select name from func_classes where publication_id = ? and code = ?", (_pub(db), c)).fetchone()[0]
             for c, _ in rows]
    assert [r[0] for r in body["answer"]["rows"]] == names


def test_built_output_is_not_a_status_filter(ask, db):
    """「去年建成多少公里」 asks for the output of the projects completed last year (by the completion date,
    issue #18 item 2), the status word adding no filter of its own."""
    want = db.execute("select sum(output_actual) from projects where publication_id = ? and category = '农村公路' "
                      "and strftime('%Y', completed_date) = '2025'", (_pub(db),)).fetchone()[0]
    body = ask("去年农村公路建成多少公里")
    assert close(body["answer"]["value"], want, 0.001)


@pytest.mark.parametrize("typo, name", [("澄糊区", "澄湖区"), ("梅西县", "梅溪县"), ("竹园", "竹源县")])
def test_typo_in_a_region_name_is_matched_and_said(ask, db, typo, name):
    code = _region(db, name)
    body = ask(f"{typo}去年卫生健康支出多少")
    assert body["query"]["regions"] == [code]
    assert any(typo in note and name in note for note in body["notes"])
    assert close(body["answer"]["value"], spent(db, 2025, region=code, prefix="210") / 100)


def test_unknown_region_is_said_not_silently_dropped(ask):
    body = ask("东海区去年教育支出是多少")
    assert any("东海区" in note for note in body["notes"])
    assert body["confidence"] < 0.8


def test_execution_progress_month_by_month(ask, db, client):
    """「每月执行进度」: spending from January to each month's end over the annual budget, as a line."""
    body = ask("去年卫生健康支出每个月的执行进度")
    rows = body["answer"]["rows"]
    assert [r[0] for r in rows] == [f"{m}月" for m in range(1, 13)]
    annual = budget(db, 2025, prefix="210")
    assert close(rows[5][1], spent(db, 2025, (1, 6), prefix="210") / annual * 100)
    assert close(rows[-1][1], spent(db, 2025, prefix="210") / annual * 100)
    assert body["chart"]["series"][0]["type"] == "line"
    quarters = ask("今年各季度的预算执行进度")["answer"]["rows"]
    assert [r[0] for r in quarters][:3] == ["第1季度末", "第2季度末", "第3季度末"]
    page = client.get("/ask", query_string={"q": "去年卫生健康支出每个月的执行进度", "as_of": AS_OF})
    assert page.status_code == 200 and "累计执行率" in page.get_data(as_text=True)


def _project(db, where, args=()):
    return db.execute(f"select code, name, region_code, year, total_investment_fen, disbursed_fen, progress_pct, "
                      f"output_planned, output_actual from projects where publication_id = ? and {where} "
                      f"order by code limit 1", (_pub(db), *args)).fetchone()


def test_a_named_project_gets_its_own_card_and_amounts(ask, db):
    """The SQL filters by the project named (it once returned the first project for every name)."""
    code, name, _r, _y, invest, paid, progress, *_ = _project(
        db, "status = '在建' and progress_pct between 20 and 80 and name in "
            "(select name from projects where publication_id = ? group by name having count(*) = 1)", (_pub(db),))
    assert ask(f"{name}进度怎么样了")["answer"]["value"] == progress
    assert close(ask(f"{name}已经拨付多少")["answer"]["value"], paid / 100)
    assert close(ask(f"{name}的总投资是多少")["answer"]["value"], invest / 100)


def test_a_shared_project_name_follows_the_region_named(ask, db):
    name, count = db.execute("select name, count(*) from projects where publication_id = ? group by name "
                             "having count(distinct region_code) = 1 and count(*) >= 2 order by name limit 1",
                             (_pub(db),)).fetchone()
    latest = db.execute("select code from projects where publication_id = ? and name = ? order by year desc, code desc",
                        (_pub(db), name)).fetchone()[0]
    body = ask(f"{name}进展如何")
    assert body["answer"]["project"] == latest  # the most recent of the same name, and the notes say so
    assert any(f"{count}个同名项目" in note for note in body["notes"])


def test_counts_above_an_investment_threshold(ask, db):
    want = db.execute("select count(*) from projects where publication_id = ? and year = 2024 "
                      "and total_investment_fen >= 200000000 * 100", (_pub(db),)).fetchone()[0]
    body = ask("前年总投资两亿元以上的项目有多少个")
    assert body["answer"]["unit"] == "个" and body["answer"]["value"] == want


def test_project_figures_year_by_year_and_their_change(ask, db):
    rows = dict(db.execute("select year, count(*) from projects where publication_id = ? and category = '农村供水' "
                           "and year between 2022 and 2024 group by year", (_pub(db),)).fetchall())
    body = ask("2022到2024年农村供水项目数量逐年变化")
    assert [r[1] for r in body["answer"]["rows"]] == [rows[2022], rows[2023], rows[2024]]
    # 建成 in a year: by the year of completion (issue #18 item 2)
    outputs = dict(db.execute("select cast(strftime('%Y', completed_date) as integer) y, sum(output_actual) "
                              "from projects where publication_id = ? and category = '高标准农田' and y in (2024, 2025) "
                              "group by y", (_pub(db),)).fetchall())
    body = ask("去年高标准农田建成面积比前年多了多少亩")
    assert close(body["answer"]["value"], outputs[2025] - outputs[2024], 0.001)


def test_month_on_month_and_last_quarter(ask, db):
    body = ask("上个月社会保障和就业支出环比变化")
    this, before = spent(db, 2026, (9, 9), prefix="208"), spent(db, 2026, (8, 8), prefix="208")
    assert close(body["answer"]["value"], (this - before) / before * 100)
    body = ask("上季度全市住房保障支出")
    assert close(body["answer"]["value"], spent(db, 2026, (7, 9), prefix="221") / 100)


def test_two_spans_of_one_year_side_by_side(ask, db):
    body = ask("去年一季度和四季度全市交通运输支出比较")
    assert [r[1] for r in body["answer"]["rows"]] == [
        pytest.approx(spent(db, 2025, (1, 3), prefix="214") / 100, abs=0.01),
        pytest.approx(spent(db, 2025, (10, 12), prefix="214") / 100, abs=0.01)]


def test_bottom_n_written_as_hou(ask, db):
    body = ask("去年各区县教育支出排名后两位")
    rows = db.execute("select r.name, sum(e.amount_fen) s from expenditures e join regions r on r.code = e.region_code "
                      "and r.publication_id = e.publication_id where e.publication_id = ? and e.year = 2025 "
                      "and e.class_code like '205%' and r.level = 1 group by r.name order by s asc limit 2",
                      (_pub(db),)).fetchall()
    assert [r[0] for r in body["answer"]["rows"]] == [name for name, _ in rows]


def test_typed_homophone_of_a_measure_word(ask, db):
    code = _region(db, "银杏区")
    body = ask("银杏区去年预算知行率")
    assert body["answer"]["unit"] == "%"
    assert close(body["answer"]["value"], spent(db, 2025, region=code) / budget(db, 2025, region=code) * 100)
    assert any("知行率" in note for note in body["notes"])


def test_minsheng_share_within_minsheng(ask, db):
    from ledger.semantics import MINSHENG_CLASS_CODES as MINSHENG_CLASSES

    def minsheng(region=None):
        return sum(spent(db, 2024, region=region, prefix=c) for c in MINSHENG_CLASSES)

    code = _region(db, "澄湖区")
    body = ask("前年澄湖区民生支出占全市民生支出的比重")
    assert close(body["answer"]["value"], minsheng(code) / minsheng() * 100)


def _dept(db, name):
    return db.execute("select code from departments where publication_id = ? and name = ?", (_pub(db), name)).fetchone()[0]


def dept_spent(db, year, dept, months=(1, 12)):
    return db.execute("select coalesce(sum(amount_fen), 0) from expenditures where publication_id = ? and year = ? "
                      "and month between ? and ? and dept_code = ?", (_pub(db), year, *months, dept)).fetchone()[0]


def test_first_months_and_year_to_date(ask, db):
    assert close(ask("去年头两个月全市教育支出")["answer"]["value"], spent(db, 2025, (1, 2), prefix="205") / 100)
    body = ask("年初至今全市住房保障支出多少")
    assert close(body["answer"]["value"], spent(db, 2026, (1, 10), prefix="221") / 100)


def test_a_total_over_several_years_is_one_sum(ask, db):
    body = ask("2021到2023年全市节能环保支出总共多少")
    assert body["answer"]["kind"] == "figure"
    assert close(body["answer"]["value"], sum(spent(db, y, prefix="211") for y in (2021, 2022, 2023)) / 100)


def test_department_short_names(ask, db):
    code = _dept(db, "市卫生健康委员会") if db.execute(
        "select 1 from departments where publication_id = ? and name = '市卫生健康委员会'", (_pub(db),)).fetchone() \
        else _dept(db, "市卫生健康局")
    body = ask("前年市卫健委花了多少钱" if "委员会" in db.execute(
        "select name from departments where code = ? and publication_id = ?", (code, _pub(db))).fetchone()[0]
        else "前年市卫健局花了多少钱")
    assert body["query"]["depts"] == [code]
    assert close(body["answer"]["value"], dept_spent(db, 2024, code) / 100)


def test_city_level_departments_only(ask, db):
    body = ask("去年市直部门里支出最多的是哪个")
    rows = db.execute("select d.name, sum(e.amount_fen) s from expenditures e join departments d on d.code = e.dept_code "
                      "and d.publication_id = e.publication_id where e.publication_id = ? and e.year = 2025 "
                      "and d.region_code = (select code from regions where publication_id = ? and level = 0) "
                      "group by d.name order by s desc limit 1", (_pub(db), _pub(db))).fetchall()
    assert body["answer"]["rows"][0][0] == rows[0][0]


def test_class_ranked_by_execution_rate(ask, db):
    body = ask("前年执行率最高的是哪一类支出")
    pub = _pub(db)
    rates = {c: spent(db, 2024, prefix=c) / budget(db, 2024, prefix=c)
             for (c,) in db.execute("select code from func_classes where publication_id = ? and length(code) = 3", (pub,))
             if budget(db, 2024, prefix=c)}
    best = max(rates, key=rates.get)
    name = db.execute("select name from func_classes where publication_id = ? and code = ?", (pub, best)).fetchone()[0]
    assert body["answer"]["rows"][0][0] == name


def test_qu_alone_means_the_districts_not_the_counties(ask, db):
    body = ask("去年教育支出最多的两个区")
    assert all(row[0].endswith("区") for row in body["answer"]["rows"])
    assert any(row[0].endswith("县") for row in ask("去年各区教育支出排名")["answer"]["rows"])  # 各区 stays loose


def test_growth_compared_between_two_classes(ask, db):
    body = ask("去年农林水和交通运输支出同比增长对比")
    want = [(spent(db, 2025, prefix=c) - spent(db, 2024, prefix=c)) / spent(db, 2024, prefix=c) * 100
            for c in ("213", "214")]
    assert [round(r[1], 2) for r in body["answer"]["rows"]] == [round(w, 2) for w in want]


def test_a_departments_share_of_a_city_class(ask, db):
    code = _dept(db, "市教育局")
    body = ask("前年市教育局的支出占全市教育支出多少")
    assert close(body["answer"]["value"], dept_spent(db, 2024, code) / spent(db, 2024, prefix="205") * 100)


def test_share_inside_zhong_de(ask, db):
    from ledger.semantics import MINSHENG_CLASS_CODES

    whole = sum(spent(db, 2025, prefix=c) for c in MINSHENG_CLASS_CODES)
    body = ask("去年教育支出在民生支出中的比重")
    assert close(body["answer"]["value"], spent(db, 2025, prefix="205") / whole * 100)


def test_new_starts_this_year_are_starts_so_far(ask, db):
    want = db.execute("select count(*) from projects where publication_id = ? and start_date between '2026-01-01' "
                      "and ?", (_pub(db), AS_OF)).fetchone()[0]
    assert ask("今年新开工的项目有多少个")["answer"]["value"] == want


def test_a_name_missing_one_character(ask, db):
    code = _region(db, "梅溪县")
    body = ask("梅溪县去年职业教支出")
    assert close(body["answer"]["value"], spent(db, 2025, region=code, prefix="20503") / 100)
    assert any("职业教育" in note for note in body["notes"])


def test_city_level_against_the_whole_city(ask, db):
    root = db.execute("select code from regions where publication_id = ? and level = 0", (_pub(db),)).fetchone()[0]
    body = ask("去年市本级和全市支出对比")
    assert [r[1] for r in body["answer"]["rows"]] == [
        pytest.approx(spent(db, 2025, region=root) / 100, abs=0.01), pytest.approx(spent(db, 2025) / 100, abs=0.01)]


def test_counts_below_an_investment_and_a_progress_threshold(ask, db):
    want = db.execute("select count(*) from projects where publication_id = ? and year = 2024 and category = '农田水利' "
                      "and total_investment_fen < 5000000 * 100", (_pub(db),)).fetchone()[0]
    body = ask("前年总投资不足五百万的农田水利项目有多少个")
    assert body["answer"]["unit"] == "个" and body["answer"]["value"] == want
    want = db.execute("select count(*) from projects where publication_id = ? and status = '在建' and progress_pct < 30",
                      (_pub(db),)).fetchone()[0]
    assert ask("在建项目中进度低于30%的有几个")["answer"]["value"] == want


def test_disbursal_rate_and_a_status_share_within_a_category(ask, db):
    paid, invested = db.execute("select sum(disbursed_fen), sum(total_investment_fen) from projects "
                                "where publication_id = ? and category = '污水管网'", (_pub(db),)).fetchone()
    assert close(ask("污水管网项目的资金拨付率")["answer"]["value"], paid / invested * 100)
    done, total = db.execute("select sum(status = '已完工'), count(*) from projects where publication_id = ? "
                             "and category = '幼儿园建设'", (_pub(db),)).fetchone()
    assert close(ask("幼儿园建设项目里已完工的占多少比例")["answer"]["value"], done / total * 100)


def test_contractors_side_by_side(ask, db):
    (a, na), (b, nb) = db.execute("select contractor, count(*) from projects where publication_id = ? and contractor "
                                  "is not null group by contractor order by contractor limit 2", (_pub(db),)).fetchall()
    rows = ask(f"{a}和{b}分别承建了多少个项目")["answer"]["rows"]
    assert [(r[0], r[1]) for r in rows] == [(a, na), (b, nb)]


def test_how_many_regions_pass_a_rate_threshold(ask, db):
    pub = _pub(db)
    codes = [c for (c,) in db.execute("select code from regions where publication_id = ? and level = 1", (pub,))]
    rates = [spent(db, 2025, region=c) / budget(db, 2025, region=c) for c in codes]
    body = ask("去年执行率高于95%的区县有几个")
    assert body["answer"]["value"] == sum(r > 0.95 for r in rates)


def test_kuan_of_a_class_ranked(ask, db):
    rows = db.execute("select substr(class_code, 1, 5) k, sum(amount_fen) s from expenditures where publication_id = ? "
                      "and year = 2024 and class_code like '213%' group by k order by s desc limit 1", (_pub(db),)).fetchall()
    name = db.execute("select name from func_classes where publication_id = ? and code = ?", (_pub(db), rows[0][0])).fetchone()[0]
    body = ask("前年农林水支出里哪一项花钱最多")
    assert body["answer"]["rows"][0][0].removesuffix("支出") == name.removesuffix("支出")


def test_same_period_last_year_side_by_side(ask, db):
    body = ask("今年前三季度全市交通运输支出和去年同期对比一下")
    assert [r[1] for r in body["answer"]["rows"]] == [
        pytest.approx(spent(db, 2025, (1, 9), prefix="214") / 100, abs=0.01),
        pytest.approx(spent(db, 2026, (1, 9), prefix="214") / 100, abs=0.01)]


def test_a_share_of_a_parent_year_by_year(ask, db):
    body = ask("2023到2025年普通教育占教育支出的比重变化")
    want = [spent(db, y, prefix="20502") / spent(db, y, prefix="205") * 100 for y in (2023, 2024, 2025)]
    assert [round(r[1], 2) for r in body["answer"]["rows"]] == [round(w, 2) for w in want]


def test_a_misspelt_long_name_around_a_colloquial_one(ask, db):
    body = ask("去年全市公立医院支出")  # spelt right: the 款
    right = body["answer"]["value"]
    body = ask("去年全市公立医支出")  # 「公立医」: one character short of 公立医院
    assert close(body["answer"]["value"], right)


def test_a_delegates_framing_is_not_the_question(ask, db):
    code = _region(db, "竹源县")
    body = ask("关于竹源县的教育投入，请教育部门介绍一下：去年教育支出是多少")
    assert body["query"]["regions"] == [code] and body["query"]["classes"] == ["205"]
    assert not body["query"]["depts"]


def test_projects_ranked_by_disbursement_and_by_progress(ask, db):
    top = db.execute("select name from projects where publication_id = ? and year = 2025 "
                     "order by disbursed_fen desc, code limit 3", (_pub(db),)).fetchall()
    body = ask("去年拨付资金最多的三个项目")
    assert [r[0] for r in body["answer"]["rows"]] == [n for (n,) in top]
    slow = db.execute("select name from projects where publication_id = ? and status = '在建' and category = '农村公路' "
                      "order by progress_pct asc, code limit 1", (_pub(db),)).fetchone()[0]
    assert ask("在建的农村公路项目哪个进度最慢")["answer"]["rows"][0][0] == slow


def test_projects_above_a_progress_threshold(ask, db):
    want = db.execute("select count(*) from projects where publication_id = ? and status = '在建' "
                      "and progress_pct > 50", (_pub(db),)).fetchone()[0]
    assert ask("在建项目中形象进度超过50%的有多少个")["answer"]["value"] == want


def test_different_months_of_two_years(ask, db):
    body = ask("去年下半年和今年上半年的卫生健康支出比一比")
    assert [r[1] for r in body["answer"]["rows"]] == [
        pytest.approx(spent(db, 2025, (7, 12), prefix="210") / 100, abs=0.01),
        pytest.approx(spent(db, 2026, (1, 6), prefix="210") / 100, abs=0.01)]


def test_the_same_department_of_two_regions(ask, db):
    a, b = _dept(db, "梅溪县教育局"), _dept(db, "云峰县教育局")
    body = ask("去年梅溪县和云峰县教育局的支出对比")
    assert body["query"]["depts"] == [a, b]


def test_twelve_months_and_the_last_months(ask, db):
    rows = ask("前年12个月全市教育支出分别是多少")["answer"]["rows"]
    assert len(rows) == 12 and close(rows[0][1], spent(db, 2024, (1, 1), prefix="205") / 100)
    assert close(ask("最近两个月全市社会保障和就业支出")["answer"]["value"], spent(db, 2026, (9, 10), prefix="208") / 100)


def test_percent_change_of_a_project_figure(ask, db):
    n = dict(db.execute("select year, count(*) from projects where publication_id = ? and year in (2023, 2024) "
                        "group by year", (_pub(db),)).fetchall())
    body = ask("2024年项目数量比2023年增长了百分之几")
    assert body["answer"]["unit"] == "%" and close(body["answer"]["value"], (n[2024] - n[2023]) / n[2023] * 100)


def test_rumour_framing_does_not_become_a_subject(ask, db):
    code = _dept(db, "市水利局")
    body = ask("听说去年市水利局花了5亿多，实际是多少")
    assert body["query"]["depts"] == [code] and not body["query"]["classes"]
    assert close(body["answer"]["value"], dept_spent(db, 2025, code) / 100)


def test_investment_asked_of_a_category_whose_name_has_a_verb(ask, db):
    """「老旧小区改造项目总投资」: 改造 is part of the category's name, the question asks for investment."""
    rows = dict(db.execute("select year, sum(total_investment_fen) from projects where publication_id = ? "
                           "and category = '老旧小区改造' and year between 2022 and 2024 group by year",
                           (_pub(db),)).fetchall())
    body = ask("2022至2024年老旧小区改造项目每年投资多少")
    assert [r[1] for r in body["answer"]["rows"]] == [rows[y] / 100 for y in (2022, 2023, 2024)]


def test_office_short_names(ask, db):
    code = _dept(db, "市人大常委会办公室")
    assert ask("去年市人大办支出多少")["query"]["depts"] == [code]
