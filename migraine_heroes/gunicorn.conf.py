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


def post_worker_init(worker):
    """Load what the first requests would otherwise wait for (migraine_heroes/warmup.py) before this
    worker accepts any."""
    from migraine_heroes.warmup import warm_up

    warm_up()
