"""Classes of questions the question box got wrong on nlq_blind12 (issue #18), each checked with questions
written here in other words: answered from the one figure engine and checked against straight SQL, or declined
with a Chinese reason — never a look-alike figure."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


# ---- must-decline questions answered with a look-alike figure ----------------------------------------

@pytest.mark.parametrize("q", ["为啥去年鹭洲区教育支出涨这么多", "松岗县卫生支出为啥比前年少"])
def test_a_why_in_colloquial_words_is_declined(ask_demo, q):
    assert "原因" in declined_message(ask_demo(q))


@pytest.mark.parametrize("q", ["高龄津贴每个月几号到账", "低保金今年什么时候打到卡里"])
def test_when_money_reaches_an_account_is_a_procedure(ask_demo, q):
    assert declined_message(ask_demo(q))


@pytest.mark.parametrize("q", ["去年审计查出了多少问题资金", "市审计局今年审计发现的问题有多少钱"])
def test_audit_findings_are_not_published(ask_demo, q):
    assert "审计" in declined_message(ask_demo(q))


def test_fiscal_health_is_a_judgement_not_the_health_class(ask_yb):
    assert declined_message(ask_yb("2022年哪个省财政健康"))


@pytest.mark.parametrize("q", ["十二五期间全市卫生健康支出一共多少", "“十三五”时期鹭洲区农林水支出合计"])
def test_a_plan_period_outside_the_data_is_declined_with_its_years(ask_demo, q):
    message = declined_message(ask_demo(q))
    assert "本站数据从" in message and "—" in message


def _project_in_one_district_only(db):
    """(asked name, the only project so named): a 「第N幼儿园」-like name that one district has and another lacks."""
    rows = db.execute(f"SELECT p.name, r.name FROM projects p JOIN regions r ON r.code = p.region_code "
                      f"AND r.publication_id = p.publication_id WHERE p.publication_id = {PUBLISHED}").fetchall()
    names = {name for name, _region in rows}
    regions = sorted({region for _name, region in rows if region.endswith(("区", "县"))})
    for name, region in sorted(rows):
        if not name.startswith(region) or len(name) - len(region) < 6:
            continue
        rest = name[len(region):]
        for other in regions:
            if other != region and other + rest not in names:
                return other + rest, name
    pytest.skip("no project name that only one district has")


def test_a_project_of_another_district_is_not_answered(ask_demo, db):
    asked, existing = _project_in_one_district_only(db)
    message = declined_message(ask_demo(f"{asked}现在进度怎么样"))
    assert "没有这个项目" in message


def test_the_project_in_its_own_district_is_still_answered(ask_demo, db):
    _asked, existing = _project_in_one_district_only(db)
    assert ask_demo(f"{existing}现在进度怎么样")["answer"]["kind"] != "decline"
