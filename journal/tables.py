"""The journal's long tables as HTML, built in Python: the calendar month, the report's months and
its calendar strip, the history page and the charts' 90 days.

These tables have a cell per day, and a template costs several nodes, a translation look-up and
often an include per cell. Here each table's words are translated once, each day's link comes
from one reverse(), and each cell is a format string. Every value that comes from data passes
through conditional_escape; mark_safe is only ever given HTML built here. The markup is the
templates' own (captions, th scope, roles, the data-label attributes the phone layout stacks by);
tests/journal/test_tables.py checks it.

Used from the templates through journal_tags (`{% month_table ... %}` and the like)."""

from datetime import date
from functools import cache

from django.urls import reverse
from django.utils import dateformat, formats, translation
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from journal import insights, stats
from journal.models import DRUG_CLASS_GROUPS, OTHER_MEDICINES, Entry

esc = conditional_escape
DASH = "–"
_SAMPLE_DAY = date(2000, 1, 1)


def day_links():
    """A function giving a day's address (journal:day), from a single reverse() per table."""
    before, after = reverse("journal:day", args=[_SAMPLE_DAY]).split(_SAMPLE_DAY.isoformat())
    before, after = esc(before), esc(after)
    return lambda day: f"{before}{day.isoformat()}{after}"


@cache
def _date_names(language: str | None) -> tuple:
    """The weekday and month names in `language` (the active one, which is the key): translations
    never change while the process runs."""
    return (
        [str(WEEKDAYS_ABBR[i]) for i in range(7)],
        [str(WEEKDAYS[i]) for i in range(7)],
        {m: str(MONTHS[m]) for m in MONTHS},
        {m: str(MONTHS_3[m]).title() for m in MONTHS_3},
    )


def date_formatter(format_string: str):
    """A function formatting dates exactly like the template filter `date:format_string`, with the
    format and the month and weekday names looked up once per table rather than once per date. A
    format with a letter not handled here goes to dateformat for each date."""
    resolved = str(formats.get_format(format_string))
    weekdays, weekdays_long, months, months_3 = _date_names(translation.get_language())
    letters = {
        "D": lambda day: weekdays[day.weekday()],
        "l": lambda day: weekdays_long[day.weekday()],
        "j": lambda day: str(day.day),
        "d": lambda day: f"{day.day:02d}",
        "n": lambda day: str(day.month),
        "m": lambda day: f"{day.month:02d}",
        "M": lambda day: months_3[day.month],
        "F": lambda day: months[day.month],
        "y": lambda day: f"{day.year % 100:02d}",
        "Y": lambda day: f"{day.year:04d}",
    }
    pieces = dateformat.re_formatchars.split(resolved)
    if any(letter not in letters for letter in pieces[1::2]):
        return lambda day: dateformat.format(day, resolved)
    parts = [
        letters[piece] if index % 2 else dateformat.re_escaped.sub(r"\1", piece)
        for index, piece in enumerate(pieces)
        if piece
    ]
    return lambda day: "".join(part if isinstance(part, str) else part(day) for part in parts)


def _cached(function):
    """`function` memoised for the length of one table (its values come from a small vocabulary)."""
    seen = {}

    def lookup(value):
        if value not in seen:
            seen[value] = function(value)
        return seen[value]

    return lookup


def _join(parts) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 (every part is built here, its values escaped)


# --- The calendar month ---------------------------------------------------------------------------

WEEK_HEADERS = [  # (the name read out, the name shown)
    (gettext_lazy("Monday"), gettext_lazy("Mon")),
    (gettext_lazy("Tuesday"), gettext_lazy("Tue")),
    (gettext_lazy("Wednesday"), gettext_lazy("Wed")),
    (gettext_lazy("Thursday"), gettext_lazy("Thu")),
    (gettext_lazy("Friday"), gettext_lazy("Fri")),
    (gettext_lazy("Saturday"), gettext_lazy("Sat")),
    (gettext_lazy("Sunday"), gettext_lazy("Sun")),
]


def month_table(weeks: list, month: date, *, linked: bool) -> SafeString:
    """A month as a table of weeks (selectors.month_weeks): each day coloured by its worst pain,
    with the same in words, and a short mark (M8, H4, 0) shown instead on a phone. With `linked`,
    each day up to today links to its day."""
    link = day_links()
    headers = "".join(f'\n      <th scope="col" abbr="{esc(full)}">{esc(short)}</th>' for full, short in WEEK_HEADERS)
    parts = [
        '<table class="table table-bordered month-table mb-2">\n',
        f'  <caption class="visually-hidden">{esc(date_formatter("F Y")(month))}</caption>\n',
        f"  <thead>\n    <tr>{headers}\n    </tr>\n  </thead>\n  <tbody>",
    ]
    for week in weeks:
        cells = []
        for cell in week:
            if cell is None:
                cells.append('<td class="empty"></td>')
                continue
            inner = (
                f'<span class="day-number">{cell["day"].day}</span> <span class="day-summary">{esc(cell["text"])}'
                f'</span><span class="day-short" aria-hidden="true">{esc(cell["short"])}</span>'
            )
            if linked and cell["link"]:
                inner = f'<a href="{link(cell["day"])}" class="d-block">{inner}</a>'
            cells.append(f'<td class="day pain-{esc(cell["level"])}">{inner}</td>')
        parts.append(f"\n      <tr>\n        {''.join(cells)}\n      </tr>")
    parts.append("\n  </tbody>\n</table>")
    return _join(parts)


# --- The report -----------------------------------------------------------------------------------


def _group_name(drug_class: str) -> str:
    return esc(DRUG_CLASS_GROUPS.get(drug_class, OTHER_MEDICINES))


def warning_text(warning: stats.ThresholdReached, group_name) -> str:
    """A month's ICHD-3 threshold, in the report's words, escaped."""
    if warning.code == stats.CHRONIC_PATTERN:
        text = esc(_("chronic migraine pattern") if warning.pattern else _("chronic migraine threshold reached"))
    elif warning.code == stats.OVERUSE_CLASS:
        words = _("overuse pattern") if warning.pattern else _("overuse threshold reached")
        text = f"{esc(words)}: {group_name(warning.drug_class)}"
    else:
        text = esc(
            _("overuse pattern: several classes")
            if warning.pattern
            else _("overuse threshold reached: several classes")
        )
    run = ngettext("%(months)s month in a row", "%(months)s months in a row", warning.months) % {
        "months": warning.months
    }
    return f"{text} ({esc(run)})"


def report_months_table(months: list[dict]) -> SafeString:
    """The report's table of months (selectors.report_data's "months"): days recorded, headache and
    migraine days (at least, when days are missing), acute-medicine days by class, the ICHD-3
    thresholds reached. On a phone each row stacks into a card labelled by data-label."""
    recorded, headache, migraine = esc(_("Recorded")), esc(_("Headache")), esc(_("Migraine"))
    acute, ichd = esc(_("Acute medicine days by class")), esc(_("ICHD-3"))
    group_name = _cached(_group_name)
    month_name = date_formatter("M Y")
    headers = "".join(
        f'<th scope="col" role="columnheader">{words}</th>'
        for words in (esc(_("Month")), recorded, headache, migraine, acute, ichd)
    )
    caption = esc(_("Headache, migraine and acute-medicine days per month, with ICHD-3 thresholds"))
    parts = [
        '<table class="table table-sm report-table" role="table">\n',
        f'    <caption class="visually-hidden">{caption}</caption>\n',
        f'    <thead>\n      <tr role="row">{headers}</tr>\n    </thead>\n    <tbody>',
    ]
    for row in months:
        figures = row["figures"]
        at_least = "≥" if figures.unrecorded_days else ""
        by_class = "".join(f" · {group_name(c)} {days}" for c, days in figures.acute_days_by_class.items())
        warnings = "; ".join(warning_text(w, group_name) for w in figures.warnings) or DASH
        parts.append(
            f'\n        <tr role="row">\n'
            f'          <th scope="row" role="rowheader">{esc(month_name(row["month"]))}</th>\n'
            f'          <td role="cell" data-label="{recorded}">{figures.recorded_days}/{figures.length}</td>\n'
            f'          <td role="cell" data-label="{headache}">{at_least}{figures.headache_days}</td>\n'
            f'          <td role="cell" data-label="{migraine}">{at_least}{figures.migraine_days}</td>\n'
            f'          <td role="cell" data-label="{acute}">{figures.acute_days}{by_class}</td>\n'
            f'          <td role="cell" data-label="{ichd}">{warnings}</td>\n'
            f"        </tr>"
        )
    parts.append("\n    </tbody>\n  </table>")
    return _join(parts)


def report_strip(strip: list[dict]) -> SafeString:
    """The report's calendar strip (stats.strip_rows): a row per month, a cell per day with its
    mark, coloured by its kind, underlined when an acute medicine was taken."""
    month_name = date_formatter("M y")
    kind_class = _cached(lambda kind: f"strip-{esc(kind)}")
    mark = _cached(esc)
    caption = esc(_("One row per month, one cell per day"))
    parts = ['<table class="report-strip">\n', f'    <caption class="visually-hidden">{caption}</caption>']
    for row in strip:
        cells = "".join(
            f'<td class="{kind_class(cell["kind"])}{" strip-acute" if cell["acute"] else ""}" '
            f'title="{cell["day"]}">{mark(cell["mark"])}</td>'
            for cell in row["cells"]
        )
        parts.append(
            f'\n      <tr>\n        <th scope="row">{esc(month_name(row["month"]))}</th>\n        {cells}\n      </tr>'
        )
    parts.append("\n  </table>")
    return _join(parts)


# --- History --------------------------------------------------------------------------------------


def history_labels() -> list[str]:
    """The history table's column names after the day (in the active language, escaped)."""
    return [
        esc(words)
        for words in (_("Headache"), _("Pain"), _("Mood"), _("Stress"), _("Sleep"), _("Medicine"), _("Triggers"))
    ]


def _number(value) -> str:
    """A number as the template shows it (localised, escaped). A whole number under a thousand
    (a pain, a mood, a count of days) is its digits in every locale: no separator can apply, and
    Django's localize looks up four formats to learn that (hundreds of times on the charts)."""
    if type(value) is int and -1000 < value < 1000:
        return str(value)
    return esc(formats.localize(value))


def _or_dash(value) -> str:
    return DASH if value is None else _number(value)


def history_table(page) -> SafeString:
    """The history page's table (selectors.history_page: a page of narrow rows, newest first). On a
    phone it stacks (app.css .table-stack), each value labelled by data-label; the explicit roles
    keep it a table for screen readers when its display changes."""
    link = day_links()
    day_name = date_formatter("D j M Y")
    headache_names = {value: esc(label) for value, label in Entry.Headache.choices}
    labels = history_labels()
    headache, pain, mood, stress, sleep, medicine, triggers = labels
    caption = _("Your entries, newest first (page %(n)s of %(total)s)") % {
        "n": page.number,
        "total": page.paginator.num_pages,
    }
    headers = "".join(
        f'\n          <th scope="col" role="columnheader">{words}</th>' for words in (esc(_("Day")), *labels)
    )
    parts = [
        '<table class="table align-middle table-stack" role="table">\n',
        f"      <caption>{esc(caption)}</caption>\n",
        f'      <thead>\n        <tr role="row">{headers}\n        </tr>\n      </thead>\n      <tbody>',
    ]
    for row in page.object_list:
        day = row["day"]
        pain_text = f"{_number(row['pain'])}/10" if row["headache"] != stats.NONE else DASH
        sleep_text = f"{_number(row['sleep_hours'])} h" if row["sleep_hours"] is not None else DASH
        medicine_text = ", ".join(esc(name) for name in row["medicines"]) or DASH
        trigger_text = ", ".join(esc(name) for name in row["triggers"]) or DASH
        parts.append(
            f'\n          <tr role="row">\n'
            f'            <th scope="row" role="rowheader"><a href="{link(day)}">{esc(day_name(day))}</a></th>\n'
            f'            <td data-label="{headache}" role="cell">'
            f"{headache_names.get(row['headache']) or esc(row['headache'])}</td>\n"
            f'            <td data-label="{pain}" role="cell">{pain_text}</td>\n'
            f'            <td data-label="{mood}" role="cell">{_or_dash(row["mood"])}</td>\n'
            f'            <td data-label="{stress}" role="cell">{_or_dash(row["stress"])}</td>\n'
            f'            <td data-label="{sleep}" role="cell">{sleep_text}</td>\n'
            f'            <td data-label="{medicine}" role="cell">{medicine_text}</td>\n'
            f'            <td data-label="{triggers}" role="cell">{trigger_text}</td>\n'
            f"          </tr>"
        )
    parts.append("\n      </tbody>\n    </table>")
    return _join(parts)


# --- Charts ---------------------------------------------------------------------------------------


def ratio(value) -> str:
    """A risk ratio as people read it: 3, 1.4, 0.35 (the filter `ratio`)."""
    if value is None:
        return "–"
    if value >= 10:
        return f"{value:.0f}"
    text = f"{value:.1f}" if value >= 0.1 else f"{value:.2f}"
    return text.removesuffix(".0")


def risk_ratio_cell(link):
    """A factor's risk ratio at one lag with its 95% interval, marked when the link is likely; or
    "not enough data yet". For the charts' table of factors (factors_table, and the filter
    `risk_ratio_cell`)."""
    if not link or link.risk_ratio is None:
        return format_html('<span class="text-body-secondary">{}</span>', _("not enough data yet"))
    text = _("%(rr)s (%(low)s–%(high)s)") % {
        "rr": ratio(link.risk_ratio),
        "low": ratio(link.ci_low),
        "high": ratio(link.ci_high),
    }
    if link.verdict == insights.LIKELY:
        return format_html("{} <strong>{}</strong>", text, _("likely link"))
    return conditional_escape(text)


def daily_table(daily: list[dict], since: date) -> SafeString:
    """The charts' pain and mood by day (selectors.chart_data's "daily", up to 90 rows), the same
    numbers as the line chart."""
    day_name = date_formatter("D j M")
    caption = _("Pain (0–10) and mood (1–5) by day since %(since)s") % {"since": date_formatter("j M Y")(since)}
    headers = "".join(f'<th scope="col">{esc(words)}</th>' for words in (_("Day"), _("Pain"), _("Mood")))
    parts = [
        '<table class="table table-sm">\n',
        f"      <caption>{esc(caption)}</caption>\n",
        f"      <thead><tr>{headers}</tr></thead>\n      <tbody>",
    ]
    parts.extend(
        f'\n        <tr><th scope="row">{esc(day_name(row["day"]))}</th><td>{_number(row["pain"])}</td>'
        f"<td>{_or_dash(row['mood'])}</td></tr>"
        for row in daily
    )
    if not daily:
        parts.append(f'\n        <tr><td colspan="3">{esc(_("No entries in these 90 days."))}</td></tr>')
    parts.append("\n      </tbody>\n    </table>")
    return _join(parts)


def months_counts_table(months: list[dict]) -> SafeString:
    """The charts' headache and migraine days per month (selectors.chart_data's "months", 12 rows),
    the same numbers as the bar chart."""
    month_name = date_formatter("F Y")
    headers = "".join(
        f'<th scope="col">{esc(words)}</th>'
        for words in (_("Month"), _("Headache days"), _("Migraine days"), _("Days recorded"))
    )
    parts = [
        '<table class="table table-sm mt-2">\n',
        f"    <caption>{esc(_('Headache days, migraine days and days recorded, per month'))}</caption>\n",
        f"    <thead><tr>{headers}</tr></thead>\n    <tbody>\n      ",
    ]
    parts.extend(
        f'<tr><th scope="row">{esc(month_name(row["month"]))}</th><td>{_number(row["headache_days"])}</td>'
        f"<td>{_number(row['migraine_days'])}</td><td>{_number(row['recorded'])}</td></tr>"
        for row in months
    )
    parts.append("\n    </tbody>\n  </table>")
    return _join(parts)


def factors_table(factors: list[dict]) -> SafeString:
    """The charts' risk ratio of each factor on the day and the day after (views.ranked_factors),
    the same numbers as the bar chart; each cell written by risk_ratio_cell."""
    headers = "".join(
        f'<th scope="col">{esc(words)}</th>' for words in (_("Factor"), _("On the day"), _("The day after"))
    )
    caption = _(
        "Risk ratio of an attack beginning, with its 95% interval, on the day of each factor and on the day after it"
    )
    parts = [
        '<table class="table table-sm mt-2">\n',
        f"      <caption>{esc(caption)}</caption>\n",
        f"      <thead><tr>{headers}</tr></thead>\n      <tbody>\n        ",
    ]
    parts.extend(
        f'<tr>\n          <th scope="row">{esc(row["label"])}</th>\n'
        f"          <td>{risk_ratio_cell(row['same_day'])}</td>\n"
        f"          <td>{risk_ratio_cell(row['day_after'])}</td>\n        </tr>"
        for row in factors
    )
    parts.append("\n      </tbody>\n    </table>")
    return _join(parts)
