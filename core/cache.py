"""A database cache for rendered pages that writes in one statement.

Django's DatabaseCache counts the whole table and looks the key up before every write (three
to five statements). A page is written once per person per change, so that cost lands on every
"cold" page. Here a write is one INSERT ... ON CONFLICT DO UPDATE (SQLite and PostgreSQL both
have it), and the count-and-cull runs on about one write in CULL_EVERY.
"""

import base64
import pickle
import random
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router

CULL_EVERY = 50  # settings.PAGE_CACHE_CULL_EVERY overrides it (0: never, as the tests pin query counts)


class UpsertDatabaseCache(DatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
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
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
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
                f"VALUES (%s, %s, %s) ON CONFLICT ({quote('cache_key')}) "
                f"DO UPDATE SET {quote('value')} = EXCLUDED.{quote('value')}, "
                f"{quote('expires')} = EXCLUDED.{quote('expires')}",
                [key, encoded, expires],
            )
