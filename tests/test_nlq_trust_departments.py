"""A department named by a word with a department suffix (局、委、办) that no department of the publication carries is
declined with 「没有名为…的部门」 — never answered with the spending class its first characters name (「体育局」 is
no department of the demo, whose 体育 is a class and part of a merged bureau's name)."""
import pytest
from conftest import declined_message


def _merged_bureau_part(db):
    """(part, class word): a class's name + 局 that is only a part of a longer department's name."""
    names = [n for (n,) in db.execute("SELECT name FROM departments")]
    for (cls,) in db.execute("SELECT name FROM func_classes WHERE length(name) = 2 ORDER BY code"):
        if any(name.endswith(cls + "局") and name != "市" + cls + "局" for name in names) \
                and "市" + cls + "局" not in names:
            return "市" + cls + "局", cls
    pytest.skip("no class word that only a merged bureau's name ends in")


def test_a_part_of_a_merged_bureau_is_no_department(ask_demo, db):
    asked, _cls = _merged_bureau_part(db)
    assert "部门" in declined_message(ask_demo(f"{asked}去年花了多少钱"))


@pytest.mark.parametrize("question", ["市旅游局今年的预算", "市信息化局2024年支出", "市体育委员会预算多少"])
def test_a_class_word_with_a_department_suffix_is_declined(ask_demo, question):
    assert "没有名为" in declined_message(ask_demo(question))


@pytest.mark.parametrize("question, dept", [("市交通局今年预算", "市交通运输局"), ("市发改委今年预算", "发展和改革委员会"),
                                            ("市政府办今年支出", "办公室")])
def test_a_department_known_by_a_short_name_is_still_answered(ask_demo, question, dept):
    result = ask_demo(question)
    assert result["answer"]["kind"] == "figure" and dept in result["understood"], result["understood"]


def test_a_department_with_a_dropped_character_is_not_declined(ask_demo, db):
    """One character left out of a district's department (「…农业农局」) is a typo of its name, not a missing one."""
    (name,) = db.execute("SELECT name FROM departments WHERE name LIKE '%区农业农村局' ORDER BY code LIMIT 1").fetchone()
    result = ask_demo(f"{name.replace('农村局', '农局')}去年支出")
    assert result["answer"]["kind"] != "decline", result["understood"]
