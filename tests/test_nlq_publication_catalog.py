"""Questions about the publication's own tables (issue #18, nlq/kinds/catalog.py): a classification code's name,
how many 类 or 款 the published classification holds, the date the data run to — answered from the published
rows with a link to them, never with a figure of money. Questions in words of their own, checked against
straight SQL on the demo publication."""
import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _name(db, code):
    return db.execute(f"SELECT name FROM func_classes WHERE publication_id = {PUBLISHED} AND code = ?",
                      (code,)).fetchone()[0]


@pytest.mark.parametrize("q, code", [("功能分类编码20502代表什么", "20502"), ("208是哪一类支出", "208"),
                                     ("请问科目代码21401指的是什么", "21401")])
def test_a_code_is_named(ask_demo, db, q, code):
    result = ask_demo(q)
    assert result["query"]["kind"] == "catalog", result["understood"]
    assert result["answer"]["value"] == _name(db, code)
    assert result["links"]["records"] == f"/data/func_classes.csv?code={code}"


def test_a_code_not_published_is_said_so(ask_demo):
    result = ask_demo("科目编码29999是什么")
    assert result["answer"]["kind"] == "decline" and "29999" in result["decline"]["message"]


@pytest.mark.parametrize("q, length", [("咱们的支出功能分类总共分了多少个类", 3), ("功能分类里款这一级有几个", 5)])
def test_the_classification_is_counted(ask_demo, db, q, length):
    result = ask_demo(q)
    want = db.execute(f"SELECT count(*) FROM func_classes WHERE publication_id = {PUBLISHED} "
                      f"AND length(code) = {length}").fetchone()[0]
    assert result["query"]["kind"] == "catalog" and result["answer"]["value"] == want, result["understood"]
    assert len(result["answer"]["rows"]) == want


@pytest.mark.parametrize("q", ["网站上的数据统计到哪一天", "你们的数字更新到几号了"])
def test_the_as_of_date(ask_demo, db, q):
    result = ask_demo(q)
    as_of = db.execute(f"SELECT as_of FROM publications WHERE id = {PUBLISHED}").fetchone()[0]
    assert result["answer"]["value"] == as_of, result["understood"]
    assert result["links"]["records"] == "/publications"


@pytest.mark.parametrize("q, kind", [("支出最多的三类是什么", "ranking"), ("2024年全市教育支出多少", "figure"),
                                     ("今年每个区县执行率", "execution")])
def test_spending_questions_keep_their_kinds(ask_demo, q, kind):
    assert ask_demo(q)["query"]["kind"] == kind


def test_the_yearbook_classes_leave_out_the_rounding_row(ask_yb):
    result = ask_yb("年鉴的功能分类一共有多少个")
    names = [row[1] for row in result["answer"]["rows"]]
    assert result["answer"]["value"] == len(names) and "分项合计尾差" not in names
