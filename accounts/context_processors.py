from accounts.consent import CURRENT_CONSENT_VERSION


def consent(request):
    return {"consent_version": CURRENT_CONSENT_VERSION}


def theme(request):
    """The person's light: light, dark, dim, or their device's choice (also for visitors).
    `bs_theme` is what Bootstrap draws before any script runs; static/js/theme.js follows the
    device when the choice is "system"."""
    user = getattr(request, "user", None)
    choice = user.theme if user is not None and user.is_authenticated else "system"
    return {"theme_choice": choice, "bs_theme": "light" if choice in ("light", "system") else "dark"}
