"""Questionnaires answered without an account, remembered in this browser's session.

The session holds each anonymous attempt's id with the time it was started. The ids live in
the session's data (not in the attempt) because Django gives the session a new key at login
and the data travels with it. On a shared browser they must never become the next person's:

- an id is good for one hour from the start (RECENT), then it is dropped, whatever happened;
- at login or sign-up, the recent ones become an *offer*: the person is asked, and nothing
  moves without their yes; declining deletes those answers; either way the ids leave the session;
- agreeing to the consent text on the start page covers the anonymous answers only; it never
  becomes the account's consent.
"""

import secrets
import time

OPEN_KEY = "assessment_anonymous"  # {attempt id: started at (seconds since the epoch)}
OFFER_KEY = "assessment_claim_offer"  # the same shape, for a person who has just logged in
BROWSER_SECRET_KEY = "assessment_browser_secret"  # noqa: S105 (a session key name)
RECENT = 3600


def browser_secret(request) -> str:
    """A random value of this browser's session, so that what an anonymous visitor posts can be
    told apart from the same post made in another browser."""
    if BROWSER_SECRET_KEY not in request.session:
        request.session[BROWSER_SECRET_KEY] = secrets.token_urlsafe(16)
    return request.session[BROWSER_SECRET_KEY]


def _recent(entries: dict, now: float) -> dict:
    return {rid: started for rid, started in entries.items() if now - started <= RECENT}


def remember(request, attempt) -> None:
    entries = _recent(request.session.get(OPEN_KEY, {}), time.time())
    entries.setdefault(str(attempt.pk), attempt.started_at.timestamp())
    request.session[OPEN_KEY] = entries


def _recent_in_session(request, key: str, now: float | None) -> dict[str, float]:
    """The entries under `key` from the last hour; older ones are dropped from the session."""
    entries = request.session.get(key, {})
    recent = _recent(entries, now or time.time())
    if len(recent) != len(entries):
        request.session[key] = recent
    return recent


def open_ids(request, now: float | None = None) -> list[str]:
    """The anonymous attempts this browser may open: started in the last hour."""
    return list(_recent_in_session(request, OPEN_KEY, now))


def make_offer(request, now: float | None = None) -> None:
    """At login or sign-up: what was answered here in the last hour is offered, never moved."""
    entries = request.session.pop(OPEN_KEY, {})
    recent = _recent(entries, now or time.time())
    if recent:
        request.session[OFFER_KEY] = recent


def offer(request, now: float | None = None) -> dict[str, float]:
    return _recent_in_session(request, OFFER_KEY, now)


def close_offer(request) -> None:
    request.session.pop(OFFER_KEY, None)
