"""Run the app as `make serve` does (gunicorn, production settings) against the test database."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_KEY = "test-only-production-key-" + "Zq8xWm3vLp9sRt2yNb6cJh4kGf7dAe1u"


def test_database_url() -> str:
    """A DATABASE_URL that points another process at the database this test run uses."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    credentials = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    return f"postgres://{credentials}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "migraine_heroes.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": PRODUCTION_KEY,
        "SECURE_SSL_REDIRECT": "0",
        "TRUST_X_FORWARDED_PROTO": "1",
        "TRUSTED_PROXY_COUNT": "1",  # as `make serve` sets it: one proxy in front
        "DATABASE_URL": test_database_url(),
        **extra,
    }


def collect_static(static_root: Path) -> Path:
    """Hashed, compressed static files as production serves them (once per folder)."""
    if not (static_root / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=BASE_DIR, env={**production_env(), "STATIC_ROOT": str(static_root)}, check=True, timeout=120,
        )  # fmt: skip
    return static_root


@contextmanager
def gunicorn(static_root: Path, *, workers: int = 2, access_log: Path | None = None, **extra_env):
    """Collect static files, start gunicorn with `workers` workers, yield its base URL.
    `access_log`: a file that receives gunicorn's standard output (its access log)."""
    port = free_port()
    env = production_env(STATIC_ROOT=str(static_root), PORT=str(port), WEB_CONCURRENCY=str(workers), **extra_env)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=120,
    )
    log_file = open(access_log, "wb") if access_log else None  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [str(Path(python).parent / "gunicorn"), "--config", "migraine_heroes/gunicorn.conf.py", "migraine_heroes.wsgi"],
        cwd=BASE_DIR,
        env=env,
        stdout=log_file or subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url + "/healthz", process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log_file:
            log_file.close()


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own loopback server)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            # TimeoutError: connected, but the first answer took over 2 s (a loaded machine).
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout}s")


class HttpSession:
    """A tiny browser for the gunicorn tests: keeps cookies (Secure ones too, since the server
    is told the request came over HTTPS), sends the CSRF token and Origin on POSTs."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None):
        from http.cookies import SimpleCookie
        from urllib.parse import urlencode

        all_headers = {"X-Forwarded-Proto": "https", "Connection": "close", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
            body = urlencode(data, doseq=True).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["Origin"] = "https://" + self.base_url.split("://", 1)[1]
        request = urllib.request.Request(  # noqa: S310 (our own loopback server)
            self.base_url + path, data=body, headers=all_headers, method=method
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                status, response_headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, response_headers, content = error.code, error.headers, error.read()
        for header in response_headers.get_all("Set-Cookie") or []:
            self.set_cookie_headers.append(header)
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, response_headers, content.decode(errors="replace")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        if "csrftoken" not in self.cookies:
            self.get(path)
        return self.request("POST", path, data, **kwargs)

    def log_in(self, email: str, password: str):
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"login": email, "password": password})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
