"""gunicorn's master loads what first requests would otherwise wait for (migraine_heroes/warmup.py)
before it forks the workers."""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

from django.template import engines

from journal import pdf
from migraine_heroes.warmup import compile_templates

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh interpreter: which modules a process has imported is the point, and the test
# process has long since imported everything.
PROBE = """
import json, sys
from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.urls import resolvers
application = get_wsgi_application()  # what gunicorn's preload does in the master
lazy = ["numpy", "weasyprint", "journal.views", "assessment.views"]
before = {name: name in sys.modules for name in lazy}
before["reverse"] = resolvers.get_resolver()._populated
from migraine_heroes.warmup import warm_up
warm_up()
after = {name: name in sys.modules for name in lazy}
after["reverse"] = resolvers.get_resolver()._populated
from journal import pdf
after["stylesheets parsed"] = pdf._parsed_stylesheets.cache_info().currsize
after["connections open"] = [c.alias for c in connections.all() if c.connection is not None]
print(json.dumps({"before": before, "after": after}))
"""


def test_warm_up_loads_the_views_the_large_libraries_and_the_pdf_stylesheets_that_pages_load_on_first_use():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "migraine_heroes.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])

    assert loaded["before"] == {
        "numpy": False,
        "weasyprint": False,
        "journal.views": False,
        "assessment.views": False,
        "reverse": False,
    }
    assert loaded["after"] == {
        "numpy": True,
        "weasyprint": pdf.available(),  # imported where Pango is there to load it
        "journal.views": True,
        "assessment.views": True,
        "reverse": True,
        "stylesheets parsed": 1 if pdf.available() else 0,  # the PDF's, ahead of the first layout
        "connections open": [],  # a forked worker must never share the master's connection
    }


def test_every_project_template_is_compiled_into_the_cached_loader():
    names = compile_templates()

    assert {"base.html", "journal/charts.html", "journal/day.html", "assessment/step.html", "sw.js"} <= set(names)
    templates_dir = ROOT / "templates"
    on_disk = {p.relative_to(templates_dir).as_posix() for p in templates_dir.rglob("*") if p.is_file()}
    assert set(names) == on_disk
    (cached_loader,) = engines["django"].engine.template_loaders
    assert set(names) <= set(cached_loader.get_template_cache)


def test_gunicorn_loads_the_app_warms_it_up_and_freezes_it_in_the_master_before_forking_workers(monkeypatch):
    from gunicorn.config import Config

    config = Config()
    for name, value in runpy.run_path(str(ROOT / "migraine_heroes" / "gunicorn.conf.py")).items():
        if name in config.settings:
            config.set(name, value)
    calls = []
    monkeypatch.setattr("migraine_heroes.warmup.warm_up", lambda: calls.append("warmed"))
    monkeypatch.setattr("gc.freeze", lambda: calls.append("frozen"))

    assert config.preload_app is True
    config.when_ready(object())  # what gunicorn's master runs once it listens, before the first fork

    assert calls == ["warmed", "frozen"]
