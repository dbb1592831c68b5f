"""Middleware that belongs to no app."""


class InvalidFormIsBadRequestMiddleware:
    """A POST whose form comes back with errors answers 400, whoever drew the page: our views set
    it themselves, and this covers views we do not own (allauth's login, sign-up and password
    pages answer 200 with the errors), so every invalid POST in the app answers the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method == "POST" and response.status_code == 200:
            form = (response.context_data or {}).get("form")
            if form is not None and getattr(form, "is_bound", False) and form.errors:
                response.status_code = 400
        return response
