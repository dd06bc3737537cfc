"""A throwaway PostgreSQL server for the tests: a real cluster from Debian's `postgresql` package.

initdb refuses to run as root, so under root the cluster is created and run as the `postgres`
system user (the package creates it); otherwise as the current user. The server listens on a
free loopback port with trust authentication and is stopped when the session ends.
If no PostgreSQL binaries are installed the tests that need it are skipped, with the reason
(scripts/ensure-system-deps.sh installs them in CI).
"""
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .servers import free_port

DATABASE = "mingzhang_test"


def _bin_dir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _runner():
    """Command prefix and the (uid, gid) the cluster's files must belong to."""
    if os.geteuid() != 0:
        return [], None
    user = pwd.getpwnam("postgres")
    return ["runuser", "-u", "postgres", "--"], (user.pw_uid, user.pw_gid)


class PostgresCluster:
    def __init__(self, root=None):
        """``root``: a folder that keeps the cluster between runs (bench/scale.py --instance); default a
        new temporary one, removed on stop."""
        self.bin = _bin_dir()
        self.prefix, self.owner = _runner()
        self.keep = root is not None
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="mingzhang-pg-"))
        self.data, self.sockets, self.log = self.root / "data", self.root / "sockets", self.root / "server.log"
        self.sockets.mkdir(parents=True, exist_ok=True)
        if self.owner:
            for path in (self.root, self.sockets):
                os.chown(path, *self.owner)
        self.port = free_port()

    def _run(self, *args):
        result = subprocess.run([*self.prefix, *map(str, args)], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {result.stdout}{result.stderr}{log}")
        return result

    def start(self):
        existing = (self.data / "PG_VERSION").exists()
        if not existing:
            self._run(self.bin / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                      "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-k {self.sockets} -p {self.port} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60", "start")
        if not existing:
            self._run(self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", DATABASE)
        return self

    def url(self, database=DATABASE):
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, name, icu_locale=None):
        """A fresh empty database on this server; returns its URL. With ``icu_locale`` (e.g. "zh-Hans")
        text sorts by that language's ICU collation, as a production database in China might."""
        collation = ["-T", "template0", "--locale-provider=icu", f"--icu-locale={icu_locale}"] if icu_locale else []
        self._run(self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", *collation, name)
        return self.url(name)

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast" if self.keep else "immediate",
                            "-w", "stop"], capture_output=True, timeout=60)
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster():
    if _bin_dir() is None:
        if os.environ.get("CI"):  # in CI the server is installed by ensure-system-deps.sh: missing is a failure
            pytest.fail("PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed (Debian package `postgresql`; see scripts/ensure-system-deps.sh)")
    cluster = PostgresCluster()
    try:
        cluster.start()
    except Exception:
        cluster.stop()
        raise
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_url(pg_cluster):
    """SQLAlchemy URL of an empty database on the session's PostgreSQL server."""
    return pg_cluster.url()
