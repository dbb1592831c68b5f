from assessment import anonymous


def claim_offer(request) -> dict:
    """Whether to ask the person who has just logged in about answers given in this browser
    (read from the session only: no query)."""
    if getattr(request, "user", None) is None or not request.user.is_authenticated:
        return {}
    return {"claim_offer_count": len(anonymous.offer(request))}
