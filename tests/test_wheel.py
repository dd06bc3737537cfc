"""The wheel carries everything the portal needs to run without a checkout.

scripts/check-wheel.sh goes further (fresh venv, demo, serve); this test only builds the wheel and
compares its contents with the source tree, so a new subpackage or data file cannot be left out.
"""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "ledger", "nlq", "search", "anonymize")


def tracked(pattern):
    out = subprocess.run(["git", "ls-files", pattern], cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in out.stdout.splitlines() if line]


def expected_members():
    members = set()
    for package in PACKAGES:
        members.update(p for p in tracked(f"{package}/*") if "/__pycache__/" not in p)
    members.update("portal/" + p for p in tracked("templates/*"))  # shipped as portal/templates
    return members


def test_the_wheel_holds_every_module_template_static_and_data_file(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("mingzhang-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(m for m in expected_members() if m not in names)
    assert missing == [], "add the missing subpackages to [tool.setuptools] packages in pyproject.toml"
