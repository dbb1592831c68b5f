"""Deleting an account drops the pages and PDFs kept for that person at once (core.page_cache.forget),
in the database cache and in Redis, and nobody else's."""

import socket
import uuid

import pytest
from django.core.cache import caches

from accounts.services import account_delete
from core import page_cache
from core.cache import PrefixDeletingRedisCache
from tests.factories import UserFactory


def keep_for(cache, owner_id: int) -> list[str]:
    keys = [f"page:{owner_id}:17:2026-06-15:en:abc", f"content:{owner_id}:report-pdf:def"]
    for key in keys:
        cache.set(key, {"body": b"health data"}, 60)
    return keys


@pytest.mark.django_db
def test_forgetting_a_person_drops_their_kept_pages_and_nobody_elses():
    cache = caches["pages"]
    mine, lookalike, theirs = keep_for(cache, 1), keep_for(cache, 12), keep_for(cache, 2)
    cache.set("page_1_odd", b"not a person's page", 60)  # LIKE's _ and % are escaped
    page_cache.forget(1)
    assert [cache.get(key) for key in mine] == [None, None]
    assert all(cache.get(key) is not None for key in lookalike + theirs)
    assert cache.get("page_1_odd") is not None


@pytest.mark.django_db(transaction=True)
def test_deleting_an_account_drops_what_was_kept_for_it(client):
    person = UserFactory()
    kept = keep_for(caches["pages"], person.pk)
    account_delete(user=person)
    assert [caches["pages"].get(key) for key in kept] == [None, None]


def redis_is_here() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_here(), reason="no Redis on 127.0.0.1:6379")
def test_redis_deletes_by_prefix_too():
    cache = PrefixDeletingRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": f"mh-test-{uuid.uuid4().hex}"})
    try:
        mine, lookalike = keep_for(cache, 1), keep_for(cache, 12)
        cache.set("page:1*:glob", b"kept", 60)  # a glob character in a key is not a pattern
        cache.delete_prefix("page:1*")
        assert cache.get("page:1*:glob") is None
        assert all(cache.get(key) is not None for key in mine + lookalike)
        cache.delete_prefix("page:1:")
        cache.delete_prefix("content:1:")
        assert [cache.get(key) for key in mine] == [None, None]
        assert all(cache.get(key) is not None for key in lookalike)
    finally:
        cache.clear()
