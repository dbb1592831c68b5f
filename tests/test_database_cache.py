"""The pages' database cache (core.cache.UpsertDatabaseCache): a write of one entry or of several
is one statement, and writes over what was kept."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_several_entries_are_written_by_one_statement_and_replace_what_was_kept():
    cache = caches["pages"]
    cache.set("page:1:a", {"body": b"old"}, 60)
    with CaptureQueriesContext(connection) as ctx:
        assert cache.set_many({"page:1:a": {"body": b"new"}, "content:1:b": b"%PDF", "page:1:c": "c"}, 60) == []
    assert len(ctx.captured_queries) == 1
    assert cache.get_many(["page:1:a", "content:1:b", "page:1:c"]) == {
        "page:1:a": {"body": b"new"},
        "content:1:b": b"%PDF",
        "page:1:c": "c",
    }


def test_nothing_to_write_is_no_statement():
    with CaptureQueriesContext(connection) as ctx:
        assert caches["pages"].set_many({}, 60) == []
    assert ctx.captured_queries == []


def test_an_expired_entry_is_not_served():
    cache = caches["pages"]
    cache.set_many({"page:1:gone": "x"}, -1)
    assert cache.get("page:1:gone") is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="UNLOGGED is PostgreSQL's")
def test_on_postgresql_the_pages_table_skips_the_write_ahead_log_and_the_rate_limits_do_not():
    """Made by migrate (accounts.apps.create_cache_table): rendered pages may be lost in a crash,
    rate-limit counters are kept as any table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, relpersistence FROM pg_class WHERE relname IN ('page_cache', 'django_cache')")
        assert dict(cursor.fetchall()) == {"page_cache": "u", "django_cache": "p"}
