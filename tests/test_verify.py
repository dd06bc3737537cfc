"""`mingzhang verify`: recompute each publication's SHA-256 from the database, walk the hash chain,
and check downloaded open-data JSON files against the publication they name."""
import json

import pytest
from click.testing import CliRunner
from small_publication import make_app, write_raw
from sqlalchemy import text

from ledger.importer.publish import publish
from portal.cli import main
from portal.verify import verify_publications


@pytest.fixture()
def twice(tmp_path):
    """The small publication published twice (#1, #2) on a fresh database; returns (app, env for the CLI)."""
    app, _first = make_app(tmp_path)
    publish(app.extensions["mingzhang.engine"], [write_raw(tmp_path / "raw2")], pseudonym_key="test-pseudonym-key",
            dataset="small", title="第二次发布")
    env = {"MINGZHANG_INSTANCE": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'small.db'}",
           "SEARCH_INDEX_PATH": str(tmp_path / "search.db"), "SECRET_KEY": "test-secret", "SEARCH_HYBRID": "0"}
    return app, env


def _verify(env, *args):
    return CliRunner().invoke(main, ["verify", *args], env=env)


def _sql(app, statement, **params):
    with app.extensions["mingzhang.engine"].begin() as conn:
        conn.execute(text(statement), params)


def test_untouched_publications_verify(twice):
    app, env = twice
    report = verify_publications(app.extensions["mingzhang.engine"])
    assert report["ok"] and [e["status"] for e in report["publications"]] == ["ok", "ok"]
    first, second = report["publications"]
    assert first["recomputed_sha256"] == first["data_sha256"] and second["prev_sha256"] == first["data_sha256"]
    result = _verify(env)
    assert result.exit_code == 0, result.output
    assert "✓ 发布 #1" in result.output and "✓ 发布 #2" in result.output and "核验通过：2 次发布" in result.output
    data = json.loads(_verify(env, "--json").output)
    assert data["ok"] is True and [e["id"] for e in data["publications"]] == [1, 2]


def test_a_changed_row_is_reported_as_data_tampered(twice):
    app, env = twice
    _sql(app, "UPDATE expenditures SET amount_fen = amount_fen + 100 "
              "WHERE rowid = (SELECT min(rowid) FROM expenditures WHERE publication_id = 1)")
    result = _verify(env)
    assert result.exit_code == 1
    assert "✗ 发布 #1" in result.output and "[data_tampered]" in result.output and "数据已被改动" in result.output
    assert "✓ 发布 #2" in result.output  # the other publication still verifies
    data = json.loads(_verify(env, "--json").output)
    assert data["ok"] is False
    assert [(e["id"], e["status"]) for e in data["publications"]] == [(1, "data_tampered"), (2, "ok")]
    # --publication narrows the check
    assert _verify(env, "--publication", "2").exit_code == 0
    assert _verify(env, "--publication", "1").exit_code == 1


def test_rewriting_the_data_hash_to_hide_a_change_breaks_the_chain(twice):
    app, env = twice
    engine = app.extensions["mingzhang.engine"]
    _sql(app, "UPDATE regions SET population = 1 WHERE publication_id = 1 AND code = '990101'")
    from ledger.integrity import publication_digest
    with engine.connect() as conn:
        forged = publication_digest(conn, 1)
    _sql(app, "UPDATE publications SET data_sha256 = :sha WHERE id = 1", sha=forged)
    data = json.loads(_verify(env, "--json").output)
    assert [(e["id"], e["status"]) for e in data["publications"]] == [(1, "ok"), (2, "chain_broken")]
    assert _verify(env).exit_code == 1


def test_a_changed_prev_hash_is_reported_as_chain_broken(twice):
    app, env = twice
    _sql(app, "UPDATE publications SET prev_sha256 = :sha WHERE id = 2", sha="0" * 64)
    result = _verify(env)
    assert result.exit_code == 1 and "[chain_broken]" in result.output and "哈希链断开" in result.output
    assert "✓ 发布 #1" in result.output
    # the public log uses the same check
    log = app.test_client().get("/publications.json").get_json()
    assert log["chain_ok"] is False and [e["chain_ok"] for e in log["publications"]] == [False, True]


def test_unknown_publication_is_an_error(twice):
    _app, env = twice
    result = _verify(env, "--publication", "99")
    assert result.exit_code == 1 and "没有已发布的发布 #99" in result.output


def test_downloaded_json_export_is_checked_against_the_database(twice, tmp_path):
    app, env = twice
    client = app.test_client()
    whole = tmp_path / "expenditures.json"
    whole.write_bytes(client.get("/data/expenditures.json?pub=1").data)
    filtered = tmp_path / "east.json"
    filtered.write_bytes(client.get("/data/expenditures.json?region_code=990101").data)
    result = _verify(env, "--export", str(whole), "--export", str(filtered))
    assert result.exit_code == 0, result.output
    assert "与发布 #1 的数据表 expenditures 一致" in result.output and "与发布 #2 的数据表" in result.output

    # one amount edited in the downloaded file
    data = json.loads(whole.read_text(encoding="utf-8"))
    data["rows"][0]["amount_yuan"] += 1
    whole.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _verify(env, "--export", str(whole))
    assert result.exit_code == 1 and "[content_mismatch]" in result.output
    assert "文件中有 1 行在数据库中找不到" in result.output

    # a row dropped from the file
    data["rows"] = data["rows"][1:]
    whole.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = json.loads(_verify(env, "--json", "--export", str(whole)).output)["exports"][0]
    assert report["rows_in_file"] == report["rows_in_db"] - 1
    assert {p["code"] for p in report["problems"]} == {"row_count_mismatch", "content_mismatch"}


def test_unreadable_export_is_a_clear_error(twice, tmp_path):
    _app, env = twice
    bad = tmp_path / "bad.json"
    bad.write_text("不是 JSON", encoding="utf-8")
    result = _verify(env, "--export", str(bad))
    assert result.exit_code == 1 and "无法读取导出文件 bad.json" in result.output
