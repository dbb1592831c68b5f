"""Which consent text is in force.

The text itself is `templates/accounts/includes/consent_text.html`. Change the words and bump
the version together: everyone is then asked again before more health data is stored.
"""

CURRENT_CONSENT_VERSION = "2026-11-1"
