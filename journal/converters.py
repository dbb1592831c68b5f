from datetime import date

from journal.days import EARLIEST_DAY


class IsoDateConverter:
    """YYYY-MM-DD in the URL, a real calendar date in the view (2026-02-30 does not match: 404),
    from 1900-01-01 on (0001-01-01 is a 404 too; days after today are the view's to refuse)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        day = date.fromisoformat(value)  # ValueError means "no match"
        if day < EARLIEST_DAY:
            raise ValueError(value)
        return day

    def to_url(self, value: date) -> str:
        return value.isoformat()
