"""When the database cannot be reached, pages answer a friendly 503 with Retry-After within a few
seconds, and the app recovers by itself when the database is back (no restart)."""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.server import BASE_DIR, HttpSession, free_port, gunicorn, production_env

FEW_SECONDS = 6
PAGES = ["/assessment/", "/journal/", "/accounts/login/", "/healthz"]


def test_with_postgresql_on_a_closed_port_pages_answer_503_quickly(static_root):
    script = (
        "import json, time, django; django.setup(); from django.test import Client;"
        "c = Client(raise_request_exception=False, HTTP_HOST='localhost', HTTP_X_FORWARDED_PROTO='https');"
        "c.cookies['sessionid'] = 'x' * 32; out = {};"
        f"paths = {PAGES!r}\n"
        "for p in paths:\n"
        "    t = time.monotonic(); r = c.get(p)\n"
        "    out[p] = [r.status_code, r.get('Retry-After'), round(time.monotonic() - t, 2),"
        " r.content.decode()[:2000]]\n"
        "print(json.dumps(out))"
    )
    env = production_env(DATABASE_URL="postgres://postgres@127.0.0.1:9/unreachable", STATIC_ROOT=str(static_root))
    result = subprocess.run([sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    for path, (status, retry_after, seconds, body) in answers.items():
        assert status == 503, (path, status)
        assert retry_after == "30", path
        assert seconds < FEW_SECONDS, (path, seconds)
        if path != "/healthz":
            assert "back in a moment" in body.lower(), path


def postgres_binaries():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


can_run_private_postgres = (
    postgres_binaries() is not None and shutil.which("runuser") is not None and hasattr(os, "geteuid")
    and os.geteuid() == 0
)  # fmt: skip


@pytest.mark.skipif(not can_run_private_postgres, reason="needs PostgreSQL's initdb and root to run it as postgres")
def test_a_postgresql_restart_gives_503s_then_the_app_recovers_without_a_restart(static_root):
    """A private PostgreSQL cluster (so the suite's own database is untouched): the app serves,
    the cluster stops, pages answer 503 quickly, the cluster starts, pages work again."""
    bin_dir = postgres_binaries()
    data_dir = Path(tempfile.mkdtemp(prefix="mh-outage-", dir="/tmp"))
    shutil.chown(data_dir, "postgres")
    port = free_port()

    def as_postgres(*args, check=True):
        return subprocess.run(["runuser", "-u", "postgres", "--", *map(str, args)], capture_output=True, text=True,
                              timeout=120, check=check)  # fmt: skip

    def pg_ctl(action):
        options = f"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off"
        stop_now = ["-m", "immediate"] if action == "stop" else []  # like a crash, not a polite shutdown
        as_postgres(bin_dir / "pg_ctl", "-D", data_dir / "db", "-o", options, "-l", data_dir / "log", "-w",
                    *stop_now, action)  # fmt: skip

    try:
        as_postgres(bin_dir / "initdb", "-D", data_dir / "db", "-A", "trust", "-U", "postgres", "--no-sync")
        pg_ctl("start")
        as_postgres("psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-c", "CREATE DATABASE outage")
        url = f"postgres://postgres@127.0.0.1:{port}/outage"
        env = production_env(DATABASE_URL=url)
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env,
                       check=True, timeout=300)  # fmt: skip

        with gunicorn(static_root, workers=2, DATABASE_URL=url) as base_url:
            assert HttpSession(base_url).get("/assessment/")[0] == 200

            pg_ctl("stop")
            for _ in range(3):
                started = time.monotonic()
                status, headers, body = HttpSession(base_url).get("/assessment/")
                assert status == 503
                assert headers["Retry-After"] == "30"
                assert "back in a moment" in body.lower()
                assert time.monotonic() - started < FEW_SECONDS

            pg_ctl("start")
            deadline = time.monotonic() + 30
            statuses = []
            while time.monotonic() < deadline:
                statuses.append(HttpSession(base_url).get("/assessment/")[0])
                if statuses[-3:] == [200, 200, 200]:
                    break
                time.sleep(0.5)
            assert statuses[-3:] == [200, 200, 200], statuses
    finally:
        if (data_dir / "db" / "postmaster.pid").exists():
            pg_ctl("stop")
        shutil.rmtree(data_dir, ignore_errors=True)
