from datetime import date


class IsoDateConverter:
    """YYYY-MM-DD in the URL, a real calendar date in the view (2026-02-30 does not match: 404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # ValueError means "no match"

    def to_url(self, value: date) -> str:
        return value.isoformat()
