from django.utils.cache import patch_cache_control

# Features a health diary never needs; turning them off means an injected script could not
# ask for them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response; ``no-store`` on anything personal.

    A page is personal when someone is logged in or the visitor has a session (an anonymous
    assessment is kept against the session): browsers and proxies must not keep a copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _is_personal(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _is_personal(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and session.session_key is not None
