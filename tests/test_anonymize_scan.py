"""The leak scanner: the demo publication scans clean, and a planted canary is caught when
de-identification is switched off."""
import datetime as dt

import pytest
from click.testing import CliRunner

from anonymize import Deidentifier
from portal.privacy.cli import run_scan
from portal.privacy.scan import Canaries, Scanner

CANARY_NAME = "聂雨桐"
CANARY_ID = "11010519491231002X"
CANARY_PHONE = "13975318642"


def test_demo_publication_scans_clean(demo_app, demo_instance):
    with demo_app.app_context():
        scanner, canaries = run_scan(demo_app, raw=[demo_instance / "raw" / "city"], max_pages=80)
    assert canaries > 10_000  # names, ID numbers, phones, cards and addresses of the raw files
    assert scanner.scanned["database rows"] > 100_000
    assert scanner.scanned["pages"] >= 20
    assert scanner.findings == [], "\n".join(map(str, scanner.findings[:20]))


def test_demo_report_has_k_and_summary(demo_app):
    from ledger.db import current_publication
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        report = current_publication(conn)["deid_report"]
    assert report["k_anonymity"]["k"] >= 5
    assert report["identifiers"]["id_number"]["drop"] > 1000
    assert report["summary"].startswith("本数据已脱敏：")


class _SwitchedOff(Deidentifier):
    """De-identification switched off: every raw value passes through."""

    def record(self, table, row):
        return dict(row)

    def text(self, text, context=None):
        return text


def _small_raw_with_canary(folder):
    from ledger.demo import generate

    generate(folder, seed=7, as_of=dt.date(2026, 10, 31), scale=0.02)
    with open(folder / "payments.csv", "a", encoding="utf-8") as fh:
        fh.write(f"GKCANARY0001,,2026-05-06,800.00,{CANARY_NAME},个人,{CANARY_ID},{CANARY_PHONE},,"
                 f"示例市松岗县白沙镇河口村3组8号,临时救助\n")
    return folder


@pytest.fixture(scope="module")
def canary_raw(tmp_path_factory):
    return _small_raw_with_canary(tmp_path_factory.mktemp("canary") / "raw")


def _publish(tmp_path, raw, monkeypatch=None):
    from ledger.db import make_engine
    from ledger.importer import publish as publish_module

    if monkeypatch:
        monkeypatch.setattr(publish_module, "Deidentifier", _SwitchedOff)
    engine = make_engine(f"sqlite:///{tmp_path / 'pub.db'}")
    publish_module.publish(engine, [raw], pseudonym_key="k", dataset="city", title="canary")
    return engine


def _scan(engine, raw):
    scanner = Scanner(Canaries.from_raw([raw]))
    scanner.scan_database(engine)
    return scanner.findings


def test_planted_canary_caught_when_deidentification_is_off(tmp_path, canary_raw, monkeypatch):
    canaries = Canaries.from_raw([canary_raw])
    assert CANARY_NAME in canaries.names and CANARY_PHONE in canaries.numbers
    (tmp_path / "on").mkdir()
    clean = _scan(_publish(tmp_path / "on", canary_raw), canary_raw)
    assert clean == [], "\n".join(map(str, clean[:20]))
    (tmp_path / "off").mkdir()
    leaked = _scan(_publish(tmp_path / "off", canary_raw, monkeypatch), canary_raw)
    assert any(f.value == CANARY_NAME and f.kind == "canary:payments.payee" for f in leaked)


def test_canary_matcher_finds_every_planted_value_wherever_it_stands():
    """The matcher tries only the places where a canary's first two characters stand: a name, an address
    detail and a phone are found at the start, in the middle and at the end of a text, next to other
    canaries sharing their first characters, and nothing is found in a text without them."""
    canaries = Canaries()
    canaries.add_name(CANARY_NAME, "payments.payee")
    canaries.add_name(CANARY_NAME + "雪", "payments.payee")  # a longer name with the same first two
    canaries.add("示例市松岗县白沙镇河口村3组8号", "payments.address")
    canaries.add(CANARY_PHONE, "payments.phone")
    address = next(iter(canaries.addresses))
    for text in (f"{CANARY_NAME}领取临时救助", f"本月由{CANARY_NAME}代领", f"代领人{CANARY_NAME}"):
        assert [(c, v) for c, v, _ in canaries.find(text)] == [("payments.payee", CANARY_NAME)], text
    both = canaries.find(f"收款人{CANARY_NAME}雪，住{address}，电话{CANARY_PHONE}")
    assert {v for _, v, _ in both} >= {CANARY_NAME + "雪", address, CANARY_PHONE}, both
    assert canaries.find("示例市松岗县白沙镇河口村委会修缮道路") == []
    assert canaries.find(f"{CANARY_NAME[:2]}路口改造") == []


def test_scanner_finds_detector_hits_and_json_strings_only():
    scanner = Scanner()
    scanner.scan_payload(b'{"amount": 13812345678, "note": "\\u8054\\u7cfb\\u4eba\\u738b\\u5efa\\u56fd 13812345678"}',
                         "json", "x")
    kinds = sorted(f.kind for f in scanner.findings)
    assert kinds == ["detector:mobile"]  # the number-typed amount is not a phone
    scanner = Scanner()
    scanner.scan_payload("凭证号,金额（元）,说明\nA1,13812345678,身份证11010519491231002X\n".encode(), "csv", "y")
    assert [f.kind for f in scanner.findings] == ["detector:id_number"]


def test_cli_exits_nonzero_on_findings(tmp_path, canary_raw, monkeypatch):
    from portal.cli import main

    (tmp_path / "raw").mkdir()
    engine = _publish(tmp_path, canary_raw, monkeypatch)
    engine.dispose()
    monkeypatch.setenv("MINGZHANG_INSTANCE", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'pub.db'}")
    result = CliRunner().invoke(main, ["scan-leaks", "--raw", str(canary_raw), "--max-pages", "5"])
    assert result.exit_code == 1, result.output
    assert "canary:payments.payee" in result.output and "发现" in result.output


def test_publication_fails_when_k_below_5(tmp_path, canary_raw):
    import shutil

    from ledger.db import make_engine
    from ledger.importer.publish import ImportFailure, publish

    raw = tmp_path / "raw"
    shutil.copytree(canary_raw, raw)
    with open(raw / "payments.csv", "a", encoding="utf-8") as fh:
        fh.write("GKRARE0001,,2026-05-07,500.00,闻一多,个人,,,,,稀有专项补贴\n")  # one recipient in a class
    with pytest.raises(ImportFailure) as failure:
        publish(make_engine(f"sqlite:///{tmp_path / 'pub.db'}"), [raw], pseudonym_key="k", dataset="city", title="t")
    message = str(failure.value.errors[0])
    assert "k-匿名" in message and "k=1" in message and "稀有专项补贴" in message
