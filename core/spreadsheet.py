"""CSV cells safe to open in a spreadsheet, shared by the diary export and the privacy download.

A cell that starts with = + - @, a tab or a carriage return could run as a formula in Excel or
LibreOffice (CSV injection); such cells get a leading apostrophe, which spreadsheets show as
plain text. `safe_cell` does it in Python; `safe_cell_sql` is the same rule in SQL, for a long
export whose cells are worked out in the query."""

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


def safe_cell_sql(expression: str) -> tuple[str, list[str]]:
    """safe_cell's rule for a text expression, in SQL that SQLite and PostgreSQL read alike (CASE,
    substr, ||, COALESCE; the formula starts as parameters): NULL becomes '' and a text that starts
    like a formula gets the apostrophe. Returns the SQL and its parameters, in order."""
    tests, params = [], []
    for length in sorted({len(start) for start in FORMULA_STARTS}):
        starts = [start for start in FORMULA_STARTS if len(start) == length]
        tests.append(f"substr({expression}, 1, {length}) IN ({', '.join(['%s'] * len(starts))})")
        params += starts
    sql = f"COALESCE(CASE WHEN {' OR '.join(tests)} THEN %s || {expression} ELSE {expression} END, '')"
    return sql, [*params, "'"]


def csv_text(rows: list[dict]) -> str:
    """A table of dicts (all with the first row's keys) as CSV text, every cell made safe."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()
