"""gunicorn settings for `make serve` and production.

Synchronous workers, 2 x cores + 1 by default (WEB_CONCURRENCY overrides). Bound to loopback:
in production a TLS-terminating proxy sits in front and sets X-Forwarded-Proto.
"""

import multiprocessing
import os
import re

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or '8000'}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Access log without the query string: it could carry a report's dates or a redirect target.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

# Password-reset and email-confirmation keys travel in the path; whoever reads the log must
# not be able to use them. Masked in every value the log format could show (path, raw request
# line, Referer, other headers).
SECRET_IN_PATH = re.compile(r"(/accounts/(?:password/reset/key|confirm-email)/)[^/\s?#\"]+")


def mask_secrets(value: str) -> str:
    return SECRET_IN_PATH.sub(r"\1[hidden]", value)


class MaskingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: mask_secrets(value) if isinstance(value, str) else value for key, value in atoms.items()}


logger_class = MaskingLogger
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


# The app, and what its pages would otherwise load on first use (migraine_heroes/warmup.py), are
# loaded once in the master; each worker is forked from it ready to serve, its memory shared with
# the master's until written. A worker recycled by max_requests starts in a few milliseconds.
# (Warming each worker itself instead cost about 1.5 s of CPU per recycle, and when several workers
# recycled together under load nobody was served meanwhile: 2.7 s at the benchmark's p99.)
# A deploy restarts gunicorn: with the app preloaded, `kill -HUP` restarts the workers but does
# not read new code.
preload_app = True


def when_ready(server):
    """In the master, after the app is loaded and before the first worker is forked."""
    import gc

    from migraine_heroes.warmup import warm_up

    warm_up()
    # Everything loaded so far lives as long as the process: the workers' garbage collector need
    # never walk it, so its pages stay shared with the master rather than copied into each worker
    # (Python's documentation for gc.freeze: call it right before fork).
    gc.freeze()
