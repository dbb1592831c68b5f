"""A database cache for rendered pages that writes in one statement.

Django's DatabaseCache counts the whole table and looks the key up before every write (three
to five statements). A page is written once per person per change, so that cost lands on every
"cold" page. Here a write, of one entry or of several with set_many, is one INSERT ... ON
CONFLICT DO UPDATE (SQLite and PostgreSQL both have it), and the count-and-cull runs on about
one write in CULL_EVERY.
"""

import base64
import pickle
import random
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router

CULL_EVERY = 50  # settings.PAGE_CACHE_CULL_EVERY overrides it (0: never, as the tests pin query counts)


class UpsertDatabaseCache(DatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.set_many({key: value}, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Every entry of `data` in one INSERT ... ON CONFLICT DO UPDATE, however many there are
        (a page and the PDF it was laid out from are kept by one statement)."""
        if not data:
            return []
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        parameters = []
        for key, value in data.items():
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            parameters += [self.make_and_validate_key(key, version=version), encoded, expires]
        rows = ", ".join(["(%s, %s, %s)"] * len(data))
        with connection.cursor() as cursor:
            every = getattr(settings, "PAGE_CACHE_CULL_EVERY", CULL_EVERY)
            if every and random.randrange(every) == 0:  # noqa: S311 (not security-related)
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (quoted table name)
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    now = datetime.now(tz=UTC if settings.USE_TZ else None).replace(microsecond=0)
                    self._cull(db, cursor, now, count)
            cursor.execute(
                f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, {quote('expires')}) "  # noqa: S608
                f"VALUES {rows} ON CONFLICT ({quote('cache_key')}) "
                f"DO UPDATE SET {quote('value')} = EXCLUDED.{quote('value')}, "
                f"{quote('expires')} = EXCLUDED.{quote('expires')}",
                parameters,
            )
        return []

    def delete_prefix(self, prefix: str) -> None:
        """Delete every entry whose key starts with `prefix` (one person's pages, when their
        account is deleted)."""
        pattern = self.make_key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE {connection.ops.quote_name('cache_key')} LIKE %s ESCAPE '\\'",  # noqa: S608
                [pattern],
            )


class PrefixDeletingRedisCache(RedisCache):
    """Django's Redis cache, plus deleting every key with a prefix (one person's pages)."""

    def delete_prefix(self, prefix: str) -> None:
        client = self._cache.get_client(write=True)
        key = self.make_key(prefix)
        pattern = "".join("\\" + c if c in "\\*?[]" else c for c in key) + "*"  # glob-escaped
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
