"""Which consent text is in force.

The text itself is `templates/accounts/includes/consent_text.html`. Change the words and bump
the version together: everyone is then asked again before more health data is stored.
"""

from django.core.exceptions import PermissionDenied

CURRENT_CONSENT_VERSION = "2026-11-1"


class ConsentRequired(PermissionDenied):
    """Raised by a service asked to store health data for a person who has not given (or has
    withdrawn) consent. A PermissionDenied, so one that reaches Django answers 403; views that
    can do better send the person to the consent page (accounts.decorators)."""
