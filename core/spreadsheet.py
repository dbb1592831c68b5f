"""CSV cells safe to open in a spreadsheet, shared by the diary export and the privacy download.

A cell that starts with = + - @, a tab or a carriage return could run as a formula in Excel or
LibreOffice (CSV injection); such cells get a leading apostrophe, which spreadsheets show as
plain text."""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: list[dict]) -> str:
    """A table of dicts (all with the first row's keys) as CSV text, every cell made safe."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()
