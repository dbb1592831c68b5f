"""Anonymous responses are remembered in the browser session by id.

The ids live in the session's data rather than in the response (as a session key) because
Django gives the session a new key at login; the data travels with it, so the person's
answers can be claimed after they log in or sign up.
"""

SESSION_KEY = "assessment_response_ids"


def remember_response(request, response) -> None:
    ids = list(request.session.get(SESSION_KEY, []))
    if str(response.pk) not in ids:
        ids.append(str(response.pk))
    request.session[SESSION_KEY] = ids


def remembered_response_ids(request) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def forget_responses(request) -> None:
    request.session.pop(SESSION_KEY, None)
