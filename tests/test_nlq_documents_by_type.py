"""Documents counted by type, and a type said with 的 (issue #18): 「每类报告各几份」 is one row per type of the published
documents, each linked to that type's rows of /data/documents.csv; 「整改的报告」 is the 审计整改报告."""
import csv
import io

from support.answers import PUBLISHED


def test_every_type_counted_one_row_each(ask_demo, db, client):
    want = dict(db.execute(f"SELECT doc_type, COUNT(*) FROM documents WHERE publication_id = {PUBLISHED} "
                           "GROUP BY doc_type").fetchall())
    result = ask_demo("网站上每类报告各发了多少份")
    answer = result["answer"]
    assert dict(zip(answer["keys"], (row[1] for row in answer["rows"]))) == want, result["understood"]
    for row in result["links"]["rows"]:
        path, _, args = row["records"]["documents"].partition("?")
        listed = list(csv.DictReader(io.StringIO(client.get(f"{path}?{args}").get_data(as_text=True).lstrip("\ufeff"))))
        assert len(listed) == next(r[1] for r in answer["rows"] if r[0] == row["label"])


def test_a_type_with_de_before_bao_gao(ask_demo, db):
    want = db.execute(f"SELECT COUNT(*) FROM documents WHERE publication_id = {PUBLISHED} "
                      "AND doc_type = '审计整改报告'").fetchone()[0]
    result = ask_demo("整改的报告一共出过几份")
    assert result["answer"]["value"] == want, result["understood"]


def test_documents_of_an_unknown_kind_state_no_count(ask_demo):
    result = ask_demo("各类合同分别有几份")
    assert result["query"] is None or result["query"]["kind"] != "documents", result["understood"]
