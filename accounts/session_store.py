"""Django's database sessions, plus: when a session's key rotates (Django cycles it at login
and at a password change), the person's LoginSession row follows it, so that deleting the
account can still find and end that session."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def cycle_key(self):
        old_key = self.session_key
        super().cycle_key()
        if old_key and old_key != self.session_key:
            from accounts.models import LoginSession

            LoginSession.objects.filter(session_key=old_key).update(session_key=self.session_key)
