#!/usr/bin/env python3
"""`make lighthouse`: Lighthouse (mobile) on the landing page, login, Today, the calendar and a
questionnaire step, against the app as `make serve` runs it, and a table of the four scores.

A fresh SQLite database and static folder in a temporary directory; the demo person
(`seed_demo_journal`, a year of diary) logs in over HTTP and Lighthouse carries that session
cookie. Lighthouse 12 (package.json) drives Debian's Chromium. Reports (HTML and JSON) are left
in lighthouse-reports/. Exits 1 when a page misses a target: Accessibility and Best Practices
100, Performance at least 90.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "lighthouse-reports"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)
EMAIL, PASSWORD = "demo@example.com", "a calm and steady rhythm 42"
CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best Practices",
              "seo": "SEO"}  # fmt: skip
# As `make serve` prepares the app, plus the demo person with four months of diary.
PREPARE = [
    ["migrate", "--noinput"],
    ["load_default_content"],
    ["collectstatic", "--noinput", "--verbosity", "0"],
    ["seed_demo_journal", "--days", "120"],
]
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100}


def main() -> int:
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (make lighthouse does).")
    with tempfile.TemporaryDirectory(prefix="mh-lighthouse-") as tmp:
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "migraine_heroes.settings",
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "0",
            "TRUST_X_FORWARDED_PROTO": "1",
            "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'db.sqlite3'}",
            "STATIC_ROOT": str(Path(tmp) / "static"),
            "PORT": str(port),
        }
        env.pop("REDIS_URL", None)
        print("Preparing a fresh database and static files...", flush=True)
        for command in PREPARE:
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--config", "migraine_heroes/gunicorn.conf.py",
             "migraine_heroes.wsgi"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz")
            cookies = log_in(base)
            pages = {
                "landing": (base + "/", False),
                "login": (base + "/accounts/login/", False),
                "today": (base + "/journal/", True),
                "calendar": (base + redirected(base, "/journal/calendar/", cookies), True),
                "questionnaire step": (base + start_questionnaire(base, cookies), True),
            }
            header = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            REPORTS.mkdir(exist_ok=True)
            scores = {}
            only = set(sys.argv[1:])  # e.g. `bench/lighthouse.py today calendar`
            for name, (url, logged_in) in pages.items():
                if only and name not in only:
                    continue
                print(f"Lighthouse: {name} ({url})", flush=True)
                scores[name] = lighthouse(name, url, header if logged_in else None)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return report(scores)


def lighthouse(name: str, url: str, headers: dict | None) -> dict:
    out = REPORTS / name.replace(" ", "-")
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output=html", f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES),
    ]  # fmt: skip
    if headers:
        command.append("--extra-headers=" + json.dumps(headers))
    for attempt in range(1, 4):  # Chromium's trace now and then misses the navigation (NO_NAVSTART)
        done = subprocess.run(command, cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROME_PATH}, check=False)
        if done.returncode == 0:
            break
        print(f"  Lighthouse failed (attempt {attempt} of 3)", flush=True)
    else:
        sys.exit(f"Lighthouse failed three times on {url}.")
    result = json.loads(out.with_suffix(".report.json").read_text())
    failing = [
        f"{audit_id} ({result['audits'][audit_id]['score']})"
        for category in ("accessibility", "best-practices", "seo")
        for ref in result["categories"][category]["auditRefs"]
        if ref["weight"] and (audit_id := ref["id"]) and result["audits"][audit_id]["score"] not in (None, 1)
    ]
    if failing:
        print("  to fix: " + ", ".join(failing), flush=True)
    return {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}


def report(scores: dict) -> int:
    width = max(len(name) for name in scores)
    print()
    print(f"| {'page':<{width}} | " + " | ".join(CATEGORIES.values()) + " |")
    print(f"|{'-' * (width + 2)}|" + "|".join("-" * (len(title) + 2) for title in CATEGORIES.values()) + "|")
    missed = []
    for name, page in scores.items():
        cells = [f"{page[key]:>{len(title)}}" for key, title in CATEGORIES.items()]
        print(f"| {name:<{width}} | " + " | ".join(cells) + " |")
        missed += [f"{name}: {CATEGORIES[key]} {page[key]} < {target}" for key, target in TARGETS.items()
                   if page[key] < target]  # fmt: skip
    print()
    print("Targets: Accessibility and Best Practices 100, Performance at least 90 on every page.")
    print("Missed: " + "; ".join(missed) if missed else "All targets met.")
    print(f"Reports: {REPORTS.relative_to(ROOT)}/")
    return 1 if missed else 0


# --- HTTP, as a browser behind the TLS proxy would ------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(url: str, cookies: dict, data: dict | None = None) -> tuple[int, str]:
    headers = {"X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urlencode({"csrfmiddlewaretoken": cookies.get("csrftoken", ""), **data}).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = "https://" + url.split("://", 1)[1].split("/", 1)[0]
        headers["Referer"] = headers["Origin"] + "/"
    request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 (our own loopback server)
    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    for header in response.headers.get_all("Set-Cookie") or []:
        for key, morsel in SimpleCookie(header).items():
            cookies[key] = morsel.value
    return response.status, response.headers.get("Location", "")


def log_in(base: str) -> dict:
    cookies: dict = {}
    http(base + "/accounts/login/", cookies)
    status, _ = http(base + "/accounts/login/", cookies, {"login": EMAIL, "password": PASSWORD})
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"Logging the demo person in failed (status {status}).")
    return cookies


def redirected(base: str, path: str, cookies: dict) -> str:
    status, location = http(base + path, cookies)
    return location if status == 302 else path


def start_questionnaire(base: str, cookies: dict) -> str:
    """Start the Migraine Profile (the first questionnaire on the public list) and return its first step."""
    status, location = http(base + "/assessment/migraine-profile/", cookies, {"start_key": secrets.token_urlsafe(16)})
    if status != 302 or "/assessment/r/" not in location:
        sys.exit(f"Starting a questionnaire failed (status {status}, {location!r}).")
    return location


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own loopback server)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    sys.exit(f"The app did not answer {url} within {timeout:.0f}s.")


if __name__ == "__main__":
    shutil.which("node") or sys.exit("Lighthouse needs Node.js 18.16 or later.")
    sys.exit(main())
