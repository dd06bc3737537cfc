"""A throwaway Elasticsearch 8 node for the tests: Elastic's own server jar from Maven Central.

When ELASTICSEARCH_URL is set, the tests use that server as it is. Otherwise the first test that
needs Elasticsearch starts a single node on a free loopback port with scripts/elasticsearch.sh
(which resolves the jars once into ~/.cache/mingzhang/elasticsearch; `make test` fetches them
beforehand), sets ELASTICSEARCH_URL for the rest of the session and stops the node at the end.
The node is tied to this process (--watch-pid): it stops even if pytest is killed.

Without a JDK and Maven the Elasticsearch tests are skipped with the reason, except in CI (CI=true),
where that is a failure: the Makefile's test target installs what the node needs.
"""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "elasticsearch.sh"


class LocalElasticsearch:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="mingzhang-es-test-"))
        self.url = None

    def start(self):
        result = subprocess.run(["bash", str(SCRIPT), "start", "--dir", str(self.dir), "--watch-pid", str(os.getpid())],
                                capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            raise RuntimeError(f"scripts/elasticsearch.sh start failed:\n{result.stderr}{result.stdout}")
        self.url = result.stdout.strip().splitlines()[-1]
        return self

    def stop(self):
        subprocess.run(["bash", str(SCRIPT), "stop", "--dir", str(self.dir)], capture_output=True, timeout=120)
        shutil.rmtree(self.dir, ignore_errors=True)


def _tools_missing():
    """Why a node cannot be started here (None when it can): a JDK and Maven, or an earlier fetch."""
    cache = Path(os.environ.get("MINGZHANG_ES_CACHE") or
                 Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mingzhang" / "elasticsearch")
    if any(cache.glob("*/.complete")):
        return None
    if not shutil.which("mvn"):
        return "Maven (mvn) is not installed"
    if not (shutil.which("javac") or any(Path("/usr/lib/jvm").glob("*/bin/javac"))):
        return "no JDK (javac) is installed"
    return None


@pytest.fixture(scope="session")
def elasticsearch_url():
    """URL of a real Elasticsearch 8 server: ELASTICSEARCH_URL, or a node started for this session."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        yield url
        return
    missing = _tools_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"cannot start Elasticsearch: {missing} (make test installs it)")
        pytest.skip(f"cannot start Elasticsearch: {missing}; run `scripts/elasticsearch.sh fetch` "
                    "or set ELASTICSEARCH_URL")
    node = LocalElasticsearch()
    try:
        node.start()
    except Exception:
        node.stop()
        raise
    os.environ["ELASTICSEARCH_URL"] = node.url
    try:
        yield node.url
    finally:
        os.environ.pop("ELASTICSEARCH_URL", None)
        node.stop()
