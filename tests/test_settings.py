"""Every setting is declared once (portal/config.py), documented in the README, and read nowhere else."""
import re
from pathlib import Path

from portal.config import SERVER_SETTINGS, SETTINGS, load_config

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "ledger", "nlq", "search", "anonymize")
ENV_READ = re.compile(r"os\.environ\.get\(|os\.getenv\(|os\.environ\[")


def readme_settings_section():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## 配置（环境变量）")
    return text[start:text.index("\n## ", start + 1)]


def documented_names():
    rows = [line for line in readme_settings_section().splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_every_declared_setting_is_in_the_readme_table():
    declared = {s.env for s in SETTINGS + SERVER_SETTINGS}
    assert declared - documented_names() == set()


def test_every_documented_setting_is_declared():
    declared = {s.env for s in SETTINGS + SERVER_SETTINGS}
    assert documented_names() - declared == set()


def test_each_setting_is_declared_once_with_help():
    names = [s.env for s in SETTINGS + SERVER_SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.help.strip() for s in SETTINGS + SERVER_SETTINGS)


def test_no_module_reads_the_environment_for_settings():
    readers = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "portal" / "config.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if ENV_READ.search(line):
                    readers.append(f"{path.relative_to(ROOT)}:{number}")
    assert readers == []


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("IMPORT_MAX_ROWS", "123")
    monkeypatch.setenv("MAX_UPLOAD_MB", "2")
    monkeypatch.setenv("COMMENTS_PREMODERATED", "0")
    config = load_config()
    assert config["IMPORT_MAX_ROWS"] == 123
    assert config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024
    assert config["COMMENTS_PREMODERATED"] is False
