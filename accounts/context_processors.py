from accounts.consent import CURRENT_CONSENT_VERSION


def consent(request):
    return {"consent_version": CURRENT_CONSENT_VERSION}
