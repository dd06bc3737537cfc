"""Precision on real published text: the audit of raw vs published demo text finds no change to
text that named nobody (false-positive budget), while every private person's data still changes."""
from anonymize import Deidentifier, scrub_text
from anonymize.lexicon import public_terms_from_tables, stems
from portal.privacy.audit import audit, diff_spans, run

# The false-positive budget on the demo: none in names, titles, public names or officials' names;
# at most this many in other prose.
PROSE_BUDGET = 5


def test_demo_publication_false_positive_budget(demo_instance):
    result = run([demo_instance / "raw" / "city"], db=f"sqlite:///{demo_instance / 'mingzhang.db'}")
    counts = result.counts()
    samples = "\n".join(c.context for c in result.false_positives()[:20])
    assert result.texts > 100_000
    assert counts["private"] > 500  # the demo's planted persons are still de-identified
    for verdict in ("fp:name_field", "fp:public_name", "fp:official"):
        assert counts[verdict] == 0, samples
    assert counts["fp:prose"] <= PROSE_BUDGET, samples


def test_audit_classifies_changes():
    tables = {
        "regions": [("r", 1, {"code": "1", "name": "桂岭县", "level": 1})],
        "payments": [("p", 1, {"id": "A", "payee": "于桂", "payee_type": "个人", "purpose": "高龄津贴"})],
        "project_updates": [("u", n, {"project_code": "X", "date": None, "progress_pct": 1, "note": note})
                            for n, note in enumerate(["项目位于桂岭县。", "村民于桂反映路灯不亮。", "局长杨红荣到场。"])],
    }
    published = {"regions": [{"name": "桂岭县"}], "payments": [{"purpose": "高龄津贴", "payee": "受助人X"}],
                 "project_updates": [{"note": "项目位受助人X岭县。"}, {"note": "村民受助人X反映路灯不亮。"},
                                     {"note": "局长杨某某到场。"}]}
    result = audit(tables, published)
    assert [c.verdict for c in result.changes] == ["fp:public_name", "private", "fp:official"]


def test_public_terms_from_tables():
    tables = {
        "regions": [("r", 1, {"name": "桂岭县", "short_name": "桂岭"})],
        "departments": [("d", 1, {"name": "桂岭县交通运输局"})],
        "projects": [("p", 1, {"name": "柳荫镇中心小学改扩建", "location": "示例市桂岭县柳荫镇青山村5组",
                               "contractor": "示例市宏达建设工程有限公司", "contractor_type": "单位"})],
        "payments": [("y", 1, {"payee": "王建国", "payee_type": "个人"}),
                     ("y", 2, {"payee": "桂岭县金竹种植专业合作社", "payee_type": "单位"})],
    }
    terms = public_terms_from_tables(tables)
    assert {"桂岭县", "桂岭", "柳荫镇", "柳荫", "桂岭县交通运输局", "示例市宏达建设工程有限公司",
            "桂岭县金竹种植专业合作社"} <= set(terms["names"])
    assert "王建国" not in terms["names"] and terms["project_names"] == ["柳荫镇中心小学改扩建"]
    assert stems("桂岭街道") == ["桂岭街道", "桂岭"]


def test_public_names_protect_their_spans_but_not_people():
    deid = Deidentifier("k", {"于桂": "受助人", "杨红": "受助人", "邵梅": "受助人"},
                        public_terms=["桂岭县", "桂岭", "柳荫镇", "柳荫"])
    assert deid.text("项目位于桂岭县") == "项目位于桂岭县"
    assert deid.text("位于柳荫的项目") == "位于柳荫的项目"
    assert deid.text("市水利局局长杨红荣带队检查。") == "市水利局局长杨红荣带队检查。"
    assert deid.text("村民于桂反映路灯不亮") == "村民" + deid.pseudonym("于桂", "受助人") + "反映路灯不亮"
    # A known name inside a longer private name: the longer name is masked, nothing of it stays.
    assert deid.text("经与被征收户邵梅雪协商一致") == "经与被征收户邵某某协商一致"
    # A public term that is only part of a name does not protect the name.
    assert "惠民" not in deid.text("村民张惠民反映路灯不亮")
    # A public term that holds a known person's name is not protected.
    assert "于桂" not in Deidentifier("k", {"于桂": "受助人"}, public_terms=["于桂村"]).text("于桂村民于桂领取补贴")


def test_fiscal_vocabulary_survives_scrub_text():
    for text in ("示例市2025年预算执行白皮书", "平均每家补助3000元", "惠民惠农补贴政策", "执行率96.2%"):
        assert scrub_text(text) == text


def test_diff_spans():
    assert diff_spans("项目位于桂岭县", "项目位受助人X岭县") == [(3, 5, "受助人X")]
