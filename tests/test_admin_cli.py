"""`mingzhang create-user` / `list-users`, and `mingzhang import` keeping exit code 1 on failure."""
import re
import time

from click.testing import CliRunner
from community_support import write_small_raw

from portal.cli import main


def env_for(tmp_path):
    return {"MINGZHANG_INSTANCE": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
            "SEARCH_INDEX_PATH": str(tmp_path / "search.db"), "SECRET_KEY": "test-secret",
            "SEARCH_HYBRID": "0"}  # full-text re-index only: no embedding model to load


def test_create_and_list_users(tmp_path):
    runner = CliRunner()
    env = env_for(tmp_path)
    result = runner.invoke(main, ["create-user", "alice", "--role", "admin"], env=env,
                           input="long-enough-pass\nlong-enough-pass\n")
    assert result.exit_code == 0, result.output
    assert "已创建用户「alice」（管理员）" in result.output
    result = runner.invoke(main, ["create-user", "bob", "--role", "moderator"],
                           env={**env, "MINGZHANG_PASSWORD": "another-long-pass"})
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["list-users"], env=env)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["alice", "admin"], ["bob", "moderator"]]
    # problems are reported in Chinese with exit code 1, not a traceback
    result = runner.invoke(main, ["create-user", "alice", "--role", "admin"],
                           env={**env, "MINGZHANG_PASSWORD": "long-enough-pass"})
    assert result.exit_code == 1 and "已存在" in result.output
    result = runner.invoke(main, ["create-user", "carol", "--role", "admin"], env={**env, "MINGZHANG_PASSWORD": "short"})
    assert result.exit_code == 1 and "密码至少 10 个字符" in result.output
    result = runner.invoke(main, ["create-user", "carol", "--role", "boss"], env={**env, "MINGZHANG_PASSWORD": "x" * 12})
    assert result.exit_code == 2


def test_password_reset_and_login_check(tmp_path):
    runner = CliRunner()
    env = env_for(tmp_path)
    runner.invoke(main, ["create-user", "alice", "--role", "admin"], env={**env, "MINGZHANG_PASSWORD": "first-password"})
    result = runner.invoke(main, ["create-user", "alice", "--role", "admin", "--reset"],
                           env={**env, "MINGZHANG_PASSWORD": "second-password"})
    assert result.exit_code == 0 and "已重设" in result.output
    from portal import create_app
    from portal.auth import authenticate
    app = create_app({"DATABASE_URL": env["DATABASE_URL"], "INSTANCE_PATH": tmp_path})
    with app.app_context():
        assert authenticate("alice", "first-password") is None
        assert authenticate("alice", "second-password") == {"username": "alice", "role": "admin"}


def test_cli_import_still_exits_1_on_bad_files(tmp_path):
    raw = write_small_raw(tmp_path / "raw")
    (raw / "departments.csv").write_text("单位代码,单位名称,地区代码\nD001,东城区交通局,123456\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(raw)], env=env_for(tmp_path))
    assert result.exit_code == 1
    assert "导入失败，未发布任何数据" in result.output and "123456" in result.output
    raw_ok = write_small_raw(tmp_path / "ok")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["import", str(raw_ok)], env=env_for(tmp_path))
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0 and "已发布 #2" in result.output
    # where the time went, in wall and CPU seconds per phase (bench/scale.py prints these lines): durations
    # that fit inside the command's own time (a start time printed as a duration would not)
    phases = re.search(r"用时：读取、校验、去标识化并写入 ([\d.]+) 秒（CPU ([\d.]+) 秒）；"
                       r"重建搜索索引 ([\d.]+) 秒（CPU ([\d.]+) 秒）", result.output)
    assert phases, result.output
    assert float(phases.group(1)) + float(phases.group(3)) <= elapsed + 0.1
