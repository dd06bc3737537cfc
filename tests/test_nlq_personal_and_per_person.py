"""Questions whose figure the publication does not hold are declined, never answered with a class's spending
(issue #18): the asker's own account or pension, the assistant itself, a vague 「那个项目」 with nothing named, and an
amount per person in everyday words when only a total was computed. Own wordings, not an evaluation set's."""
import pytest

from tests.eval.judge import declined, states_figure


def _declined(result):
    assert result["answer"]["kind"] == "decline", (result["question"], result["understood"])
    assert result["decline"]["message"] and not states_figure(result["answer"]) and declined(200, result)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result["decline"]["message"])


@pytest.mark.parametrize("question", [
    "帮我看看公积金账户余额",
    "我的医保卡里还有多少钱",
    "俺的退休金一个月能领多少",
    "本人养老金有多少",
])
def test_a_personal_account_is_declined(ask_demo, question):
    result = ask_demo(question)
    _declined(result)
    assert result["decline"]["reason"] == "privacy"


@pytest.mark.parametrize("question", [
    "这个问答系统是哪家公司开发的",
    "你背后是用的哪个大模型",
    "这个助手是谁搭建的",
])
def test_questions_about_the_assistant_are_declined(ask_demo, question):
    _declined(ask_demo(question))


@pytest.mark.parametrize("question", ["我家附近那个项目进展到哪了", "上回说的这个工程花了多少"])
def test_a_vague_project_with_nothing_named_is_declined(ask_demo, question):
    _declined(ask_demo(question))


@pytest.mark.parametrize("question", [
    "鹭洲区每个老百姓今年分到多少卫生健康的钱",
    "枫林区平均每个人去年得到多少教育支出",
])
def test_an_amount_per_person_is_never_the_total(ask_demo, question):
    result = ask_demo(question)
    answer = result["answer"]
    if answer["kind"] != "decline":  # answered: it must be the spending per resident, not the total
        assert answer["unit"] == "元/人", (question, result["understood"], answer)


def test_the_total_of_a_class_is_still_answered(ask_demo, db):
    """Control: without a per-person word the class's total is answered as before."""
    result = ask_demo("2025年鹭洲区教育支出是多少")
    assert result["answer"]["kind"] == "figure" and result["answer"]["unit"] == "元"


@pytest.mark.parametrize("question", [
    "2023年决算支出跟年初预算相差多少",   # actual against budget: never the budget alone
    "2022年开工的工程有多少？",           # projects counted: never their investment
    "2024年公开了几份文件",               # documents of one year: never every year's
])
def test_another_figure_in_the_place_of_the_one_asked_is_declined(ask_demo, question):
    _declined(ask_demo(question))


def test_beneficiaries_are_never_an_output_in_km(ask_demo):
    """Answered since with the benefit indicator added up (tests/test_nlq_wrong_figure_classes_22.py), or declined."""
    result = ask_demo("2025年农村公路项目受益人数合计")
    assert result["answer"]["kind"] == "decline" or (result["answer"]["unit"] == "人" and "受益人口" in result["understood"])


def test_the_largest_contract_is_a_contract_never_a_payment(ask_demo):
    result = ask_demo("单笔金额最大的合同是什么工程")
    assert result["answer"]["kind"] == "decline" or "合同" in result["understood"], result["understood"]


def test_city_departments_are_the_city_level_own(ask_demo, db):
    """「市里的部门」 ranks the city's own departments (市本级), never a county's department among them."""
    result = ask_demo("2025年市里的部门哪个预算最高")
    own = db.execute("select d.name from budgets b join departments d on d.publication_id=b.publication_id "
                     "and d.code=b.dept_code where b.publication_id=1 and b.year=2025 and d.region_code=("
                     "select code from regions where publication_id=1 and level=0) group by d.name "
                     "order by sum(b.budget_fen) desc limit 1").fetchone()
    assert "市本级" in result["understood"]
    assert result["answer"]["rows"][0][0] == own[0]
