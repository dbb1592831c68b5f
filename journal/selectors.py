"""Reads for the journal. Every page's queries stay constant however long the history is:
what grows with the history is aggregated in the database or read as narrow value rows for
a bounded period, never one query per entry."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

from django.core.paginator import Paginator
from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.selectors import difficulty_answers, latest_results
from core import raw
from journal import insights, stats
from journal.content import FACTOR_PATHWAYS
from journal.days import dose_moment
from journal.models import Attack, Dose, Entry, Medication, Trigger

HISTORY_PAGE_SIZE = 30
CHART_DAYS = 90
CHART_MONTHS = 12


def entry_for_day(*, user, day: date) -> Entry | None:
    """The day's entry; its doses come from recent_doses, its triggers with the form's list."""
    return Entry.objects.for_user(user).filter(day=day).first()


def day_records(*, user, start: date, end: date) -> list[stats.DayRecord]:
    """Plain records for stats.py and the calendars, in one narrow query: each day with its
    headache, pain, the features the migraine-day rule reads, and the drug class of each acute
    dose that day (a LEFT JOIN, so days without medicine come back once, with no class;
    preventive medicines never count)."""
    return day_records_with(user=user, start=start, end=end)[0]


DAY_RECORD_COLUMNS = (
    "day", "headache", "pain", "aura", "nausea", "vomiting", "light_sensitive", "sound_sensitive", "side",
)  # fmt: skip


def day_records_with(*, user, start: date, end: date, extra: tuple[str, ...] = ()):
    """day_records, and from the same query each day's `extra` fields: (records, {day: {field: value}}).

    Read through core.raw: this read of up to a year and more serves the calendar, the charts
    and the report, and through the ORM its building and converting cost more than its answer.
    An extra "sleep_hours" comes as a float (_diary_columns)."""
    base, width = len(DAY_RECORD_COLUMNS), len(DAY_RECORD_COLUMNS) + len(extra)
    acute = Medication.Use.ACUTE.value
    days: dict[date, tuple] = {}  # each day's first row (a day with several doses has more)
    classes: dict[date, set[str]] = {}
    sql, fields = _day_rows_sql(extra)
    for row in raw.fetch(sql, [user.pk, *_person_and_days(user, start, end)], fields):
        day = row[0]
        if day not in days:
            days[day] = row
        if row[width + 1] == acute:
            classes.setdefault(day, set()).add(row[width])
    records = [day_record(row[:base], classes.get(day, ())) for day, row in days.items()]
    extras = {day: dict(zip(extra, row[base:width], strict=True)) for day, row in days.items()} if extra else {}
    return records, extras


@cache
def _day_rows_sql(extra: tuple[str, ...]) -> tuple[str, list]:
    """Each entry's DAY_RECORD_COLUMNS and `extra`, then the kind and use of each of its doses'
    medicines (a LEFT JOIN: a day without doses comes once, with NULLs), for one person and a
    range of days, newest first (the entries' own order); and the fields the columns are read as.
    Its parameters: the person's id (for _their_medicine_sql), then _person_and_days'."""
    e, d, m = raw.Table(Entry, "e"), raw.Table(Dose, "d"), raw.Table(Medication, "m")
    columns, fields = _diary_columns(e, (*DAY_RECORD_COLUMNS, *extra))
    sql = (
        f"SELECT {', '.join([*columns, m['drug_class'], m['use']])} FROM {e} "  # noqa: S608 (the models' own names only)
        f"LEFT JOIN {d} ON {d['entry']} = {e['id']} {_their_medicine_sql(m, d)} "
        f"WHERE {_person_and_days_sql(e)} ORDER BY {e['day']} DESC"
    )
    return sql, [*fields, m.field("drug_class"), m.field("use")]


def _diary_columns(entry: raw.Table, names: Iterable[str]) -> tuple[list[str], list]:
    """The entries' columns `names` as SQL, and the fields core.raw reads them as. Sleep is read
    as a float, the type the insights keep it in (insights.DayFacts.sleep_hours): made a Decimal
    first, as the ORM makes it, a year of it cost the charts and insights 0.5-0.7 ms more on
    SQLite, to be turned into a float straight away. (Both databases cast a number with one
    decimal to the nearest float, as float() of its Decimal does.)"""
    columns, fields = [], []
    for name in names:
        if name == "sleep_hours":
            columns.append(f"CAST({entry[name]} AS DOUBLE PRECISION)")
            fields.append(None)
        else:
            columns.append(entry[name])
            fields.append(entry.field(name))
    return columns, fields


def _their_medicine_sql(medication: raw.Table, dose: raw.Table) -> str:
    """The join of each dose to its medicine, which is always the person's own (the day form
    and attack mode offer no other), said so: its parameter is the person's id. With it
    PostgreSQL hashes the person's few medicines rather than every medicine of every person (a
    year's day read with a crowd of 2,000: 1.6 -> 1.0 ms)."""
    return f"LEFT JOIN {medication} ON {medication['user']} = %s AND {medication['id']} = {dose['medication']}"


def _person_and_days_sql(entry: raw.Table) -> str:
    """The condition every raw day read shares, on the entries' table: one person's days from
    start to end; its parameters are _person_and_days'."""
    return f"{entry['user']} = %s AND {entry['day']} BETWEEN %s AND %s"


def _person_and_days(user, start: date, end: date) -> list:
    return [user.pk, raw.date_param(start), raw.date_param(end)]


def day_record(values: tuple, acute_classes) -> stats.DayRecord:
    """A stats.DayRecord from a day's DAY_RECORD_COLUMNS values, in that order, and the kinds of
    its acute doses. Unpacked by name rather than through a dict of the columns: a report makes
    some 700 of these, and that halves their cost (1.3 -> 0.7 ms)."""
    day, headache, pain, aura, nausea, vomiting, light_sensitive, sound_sensitive, side = values
    return stats.DayRecord(
        day=day, headache=headache, pain=pain, aura=aura, nausea=nausea, vomiting=vomiting,
        light_sensitive=light_sensitive, sound_sensitive=sound_sensitive, side=side,
        acute_classes=frozenset(acute_classes),
    )  # fmt: skip


def rolling_figures(*, user, today: date) -> stats.Figures:
    return stats.rolling_figures(day_records(user=user, start=stats.rolling_start(today), end=today), today)


def day_page(*, user, day: date, today: date) -> tuple[Entry | None, list[Dose], stats.Figures | None]:
    """What a day's page reads: its entry, the doses of that day and the day before (see
    recent_doses), and on today the 30-day figures, all from one read (days_with_doses).

    Today reads the last 30 days: today's entry is one of those days, yesterday's and today's doses
    are some of those doses, and the figures need no more than each day's headache fields and the
    kinds of its acute doses. A past day reads itself and the day before."""
    start = stats.rolling_start(today) if day == today else day - timedelta(days=1)
    rows, doses = days_with_doses(user=user, start=start, end=day)
    entry = next((raw.instance(Entry, row) for row in rows if row[DAY] == day), None)
    if day != today:
        return entry, doses if entry else [], None
    classes: dict[date, set[str]] = {}
    for dose in doses:
        if dose.medication.use == Medication.Use.ACUTE:
            classes.setdefault(dose.day, set()).add(dose.medication.drug_class)
    records = [day_record(tuple(row[i] for i in DAY_RECORD_INDEXES), classes.get(row[DAY], ())) for row in rows]
    recent = [dose for dose in doses if dose.day >= today - timedelta(days=1)]
    return entry, recent, stats.rolling_figures(records, today)


# Where an entry's values are in a row of its stored columns (raw.Table.stored_columns).
_ENTRY_COLUMNS = raw.stored_attnames(Entry)
ID, DAY = _ENTRY_COLUMNS.index("id"), _ENTRY_COLUMNS.index("day")
DAY_RECORD_INDEXES = [_ENTRY_COLUMNS.index(name) for name in DAY_RECORD_COLUMNS]
_DOSE_ID = raw.stored_attnames(Dose).index("id")


def days_with_doses(*, user, start: date, end: date) -> tuple[list[tuple], list[Dose]]:
    """A range of the person's days with their doses, in one read (the entries LEFT JOIN their
    doses and those doses' medicines, rather than an entries query and a doses query): each
    entry's row of stored values (for raw.instance), oldest first, and the doses as Dose objects
    with their medicine and `day`, in the order taken (as recent_doses orders them)."""
    e, d = len(_ENTRY_COLUMNS), len(raw.stored_attnames(Dose))
    rows: dict[int, tuple] = {}
    doses, medicines = [], {}
    sql, fields = _days_with_doses_sql()
    for values in raw.fetch(sql, [user.pk, *_person_and_days(user, start, end)], fields):
        entry_row, dose_row, medicine_row = values[:e], values[e : e + d], values[e + d :]
        rows.setdefault(entry_row[ID], entry_row)
        if dose_row[_DOSE_ID] is None:  # a day without doses: its dose and medicine columns are NULLs
            continue
        dose = raw.instance(Dose, dose_row)
        if dose.medication_id not in medicines:
            medicines[dose.medication_id] = raw.instance(Medication, medicine_row)
        dose.medication = medicines[dose.medication_id]
        dose.day = entry_row[DAY]
        doses.append(dose)
    return list(rows.values()), doses


@cache
def _days_with_doses_sql() -> tuple[str, list]:
    """Its parameters: the person's id (for _their_medicine_sql), then _person_and_days'."""
    e, d, m = raw.Table(Entry, "e"), raw.Table(Dose, "d"), raw.Table(Medication, "m")
    sql = (
        f"SELECT {', '.join(e.stored_columns() + d.stored_columns() + m.stored_columns())} FROM {e} "  # noqa: S608
        f"LEFT JOIN {d} ON {d['entry']} = {e['id']} {_their_medicine_sql(m, d)} "
        f"WHERE {_person_and_days_sql(e)} ORDER BY {e['day']}, {d['taken_at']}, {d['id']}"
    )
    return sql, e.stored_fields() + d.stored_fields() + m.stored_fields()


def month_weeks(*, year: int, month: int, records: dict[date, stats.DayRecord], linkable_until: date) -> list:
    """The calendar's weeks of cells (stats.month_cells), each with the words it shows, worked out
    here once rather than in the template per cell."""
    weeks = stats.month_cells(year, month, records, linkable_until=linkable_until)
    for cell in (cell for week in weeks for cell in week if cell):
        record = cell["record"]
        cell["text"] = day_summary(record) if record else ("" if cell["day"] > linkable_until else NOT_RECORDED)
        cell["short"] = day_short(record) if record else ""
    return weeks


NOT_RECORDED = gettext_lazy("not recorded")


def day_short(record: stats.DayRecord) -> str:
    """The day in two or three characters, for the calendar's narrow cells on a phone."""
    if record.headache == stats.MIGRAINE:
        # Translators: the calendar on a phone; M for migraine, then the worst pain (0-10).
        return _("M%(pain)s") % {"pain": record.pain}
    if record.headache == stats.HEADACHE:
        # Translators: the calendar on a phone; H for headache, then the worst pain (0-10).
        return _("H%(pain)s") % {"pain": record.pain}
    return "0"


def day_summary(record: stats.DayRecord) -> str:
    if record.headache == stats.MIGRAINE:
        return _("Migraine %(pain)s/10") % {"pain": record.pain}
    if record.headache == stats.HEADACHE:
        return _("Headache %(pain)s/10") % {"pain": record.pain}
    return _("No headache")


def month_calendar(*, user, year: int, month: int, today: date) -> dict:
    """The month's weeks of cells and its figures, from one read of the month's days and the three
    months before (for how many months in a row a threshold was met)."""
    start, end = stats.month_bounds(year, month)
    first = stats.month_start_before(start, months=stats.PATTERN_AFTER_MONTHS)
    records = day_records(user=user, start=first, end=end)
    in_month = {r.day: r for r in records if r.day >= start}
    return {
        "weeks": month_weeks(year=year, month=month, records=in_month, linkable_until=today),
        "figures": months_with_duration(records=records, start=first, end=end)[-1],
        "start": start,
    }


def months_with_duration(
    *, records: list[stats.DayRecord], start: date, end: date, clip_from: date | None = None
) -> list[stats.Figures]:
    """Figures per calendar month from start to end, each warning with its run of months. Months
    are clipped to end and, when given, to clip_from (the first day a report shows)."""
    months = []
    for year, month in stats.months_between(start, end):
        month_start, month_end = stats.month_bounds(year, month)
        first_day = max(month_start, clip_from) if clip_from and clip_from <= month_end else month_start
        months.append(stats.figures(records, first_day, min(month_end, end)))
    return stats.with_duration(months)


def history_page(*, user, page_number):
    """A page of the history, newest first, as narrow rows: the columns the table shows, with the
    names of the day's medicines (in the order taken) and triggers. Four queries: the count, the
    page, its doses, its triggers."""
    entries = (
        Entry.objects.for_user(user)
        .order_by("-day")
        .values("id", "day", "headache", "pain", "mood", "stress", "sleep_hours")
    )
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(page_number)
    rows = list(page.object_list)
    ids = [row["id"] for row in rows]
    medicines: dict[int, list[str]] = {}
    doses = Dose.objects.filter(entry_id__in=ids).order_by("taken_at", "id")  # Dose's own order
    for entry_id, name in doses.values_list("entry_id", "medication__name"):
        medicines.setdefault(entry_id, []).append(name)
    triggers: dict[int, list[str]] = {}
    links = Entry.triggers.through.objects.filter(entry_id__in=ids).order_by("trigger__name", "trigger_id")
    for entry_id, name in links.values_list("entry_id", "trigger__name"):
        triggers.setdefault(entry_id, []).append(name)
    for row in rows:
        row["medicines"] = medicines.get(row["id"], [])
        row["triggers"] = triggers.get(row["id"], [])
    page.object_list = rows
    return page


def insight_start(today: date) -> date:
    """The first day of the window charts and insights share: the last 365 days."""
    return today - timedelta(days=insights.WINDOW_DAYS - 1)


# What insights read of each day besides its date, headache and pain (diary_rows' other columns).
INSIGHT_COLUMNS = (
    "id", "stress", "mood", "sleep_hours", "sleep_quality", "menstruation", "alcohol_drinks", "caffeine_drinks",
    "skipped_meal", "exercise",
)  # fmt: skip
DIARY_ROW_COLUMNS = ("day", "headache", "pain", *INSIGHT_COLUMNS)


def diary_rows(*, user, start: date, end: date) -> tuple[list[dict], dict[int, set[str]], dict[str, str]]:
    """The period's entries as narrow rows ({column: value} for DIARY_ROW_COLUMNS, sleep as a
    float: _diary_columns), oldest first; the names of the triggers ticked on each; and the pathway
    of each ticked trigger that is, by its name, a default trigger staff gave one
    (trigger_pathways). Two queries, through core.raw: a year of them on every cold insights page."""
    sql, fields = _diary_rows_sql()
    values = raw.fetch(sql, _person_and_days(user, start, end), fields)
    rows = [dict(zip(DIARY_ROW_COLUMNS, row, strict=True)) for row in values]
    names: dict[int, set[str]] = {}
    pathways = []
    for entry_id, name, pathway in raw.fetch(
        _ticked_sql(with_pathway=True), ["", *_person_and_days(user, start, end)], ()
    ):
        names.setdefault(entry_id, set()).add(name)
        pathways.append((name, pathway))
    return rows, names, trigger_pathways(pathways)


def trigger_pathways(named: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """{factor: pathway} for (trigger name, pathway of the default trigger of that name, if any):
    the pathway is the field staff set, never read from the name, and a trigger that means a
    built-in factor is that factor (it has its own pathway in FACTOR_PATHWAYS)."""
    return {
        f"trigger:{name}": pathway
        for name, pathway in named
        if pathway and name.strip().lower() not in insights.TRIGGER_FACTORS
    }


@cache
def _diary_rows_sql() -> tuple[str, list]:
    e = raw.Table(Entry, "e")
    columns, fields = _diary_columns(e, DIARY_ROW_COLUMNS)
    sql = (
        f"SELECT {', '.join(columns)} FROM {e} "  # noqa: S608 (the models' own names only)
        f"WHERE {_person_and_days_sql(e)} ORDER BY {e['day']}"
    )
    return sql, fields


def ticked_trigger_names(*, user, start: date, end: date) -> dict[int, set[str]]:
    """{entry id: names of the triggers ticked on it} for the period's entries (one query)."""
    trigger_names: dict[int, set[str]] = {}
    for entry_id, name in raw.fetch(_ticked_sql(with_pathway=False), _person_and_days(user, start, end), ()):
        trigger_names.setdefault(entry_id, set()).add(name)
    return trigger_names


@cache
def _ticked_sql(*, with_pathway: bool) -> str:
    """(entry id, trigger name) for each trigger ticked on the period's entries; `with_pathway`
    adds the pathway of the default trigger of that name, NULL for none (its parameter, '', comes
    before the period's)."""
    link, e, t = raw.Table(Entry.triggers.through, "l"), raw.Table(Entry, "e"), raw.Table(Trigger, "t")
    default = raw.Table(Trigger, "dt")
    pathway, join = "", ""
    if with_pathway:
        pathway = f", {default['pathway']}"
        join = (
            f"LEFT JOIN {default} ON {default['user']} IS NULL AND {default['name']} = {t['name']} "
            f"AND {default['pathway']} <> %s "
        )
    return (
        f"SELECT {link['entry']}, {t['name']}{pathway} FROM {link} "  # noqa: S608 (the models' own names only)
        f"JOIN {e} ON {e['id']} = {link['entry']} JOIN {t} ON {t['id']} = {link['trigger']} {join}"
        f"WHERE {_person_and_days_sql(e)}"
    )


def trigger_choices(*, user, entry: Entry | None) -> list[tuple[int, str, bool]]:
    """The day form's trigger list: (id, name, ticked on `entry`) for the default triggers and the
    person's own, active ones only (Trigger.objects.available_to), by name, in one query. Read
    through core.raw: it is on every cold Today, and through the ORM, with its EXISTS, building
    the query cost more than running it (0.54 -> 0.03 ms)."""
    rows = raw.fetch(_trigger_choices_sql(), [entry.pk if entry else None, user.pk, True], ())
    return [(pk, name, bool(ticked)) for pk, name, ticked in rows]


@cache
def _trigger_choices_sql() -> str:
    link, t = raw.Table(Entry.triggers.through, "l"), raw.Table(Trigger, "t")
    ticked = f"EXISTS (SELECT 1 FROM {link} WHERE {link['entry']} = %s AND {link['trigger']} = {t['id']})"  # noqa: S608
    return (
        f"SELECT {t['id']}, {t['name']}, {ticked} FROM {t} "  # noqa: S608 (the models' own names only)
        f"WHERE ({t['user']} IS NULL OR {t['user']} = %s) AND {t['active']} = %s ORDER BY {t['name']}"
    )


def facts_from_rows(*, rows: list[dict], trigger_names: dict[int, set[str]]) -> list[insights.DayFacts]:
    return [insights.facts_for_entry(row, trigger_names.get(row["id"], ())) for row in rows]


def chart_data(*, user, today: date) -> dict:
    """Pain and mood for the last 90 days, headache days per month for 12 months, and the factors
    with enough data ranked by risk ratio over the last 365 days (the insights' window).

    One read of the days from the first charted month (with their acute medicines) serves all
    three, and the months are counted by the figures' own rule (stats.figures), so a chart never
    counts a migraine day differently from the report; plus one read of the ticked triggers."""
    window_start = insight_start(today)
    first_month = stats.month_start_before(today, months=CHART_MONTHS - 1)
    records, extras = day_records_with(
        user=user, start=min(first_month, window_start), end=today, extra=INSIGHT_COLUMNS
    )
    records.sort(key=lambda record: record.day)
    rows = [
        {"day": r.day, "headache": r.headache, "pain": r.pain, **extras[r.day]}
        for r in records
        if r.day >= window_start
    ]
    since = today - timedelta(days=CHART_DAYS - 1)
    daily = [{"day": row["day"], "pain": row["pain"], "mood": row["mood"]} for row in rows if row["day"] >= since]
    by_month: dict[tuple[int, int], list[stats.DayRecord]] = {}
    for record in records:
        by_month.setdefault((record.day.year, record.day.month), []).append(record)
    months = []
    for year, month in stats.months_between(first_month, today):
        start, end = stats.month_bounds(year, month)
        counted = stats.figures(by_month.get((year, month), ()), start, min(end, today))
        months.append(
            {
                "month": start,
                "recorded": counted.recorded_days,
                "headache_days": counted.headache_days,
                "migraine_days": counted.migraine_days,
            }
        )
    ticked = ticked_trigger_names(user=user, start=window_start, end=today)
    links = insights.trigger_links(facts_from_rows(rows=rows, trigger_names=ticked))
    return {"daily": daily, "months": months, "links": links, "since": since, "window_start": window_start}


def personal_insights(*, user, today: date) -> insights.Insights:
    rows, trigger_names, pathways = diary_rows(user=user, start=insight_start(today), end=today)
    facts = facts_from_rows(rows=rows, trigger_names=trigger_names)
    return insights.analyse(facts, {**FACTOR_PATHWAYS, **pathways})


def medicines_in_period(*, user, start: date, end: date) -> list[dict]:
    """Every medicine on the person's list that was taken in the period or is a current
    preventive, with its days, doses and average relief at 2 hours in the period: one query."""
    in_period = Q(doses__entry__day__gte=start, doses__entry__day__lte=end)
    return list(
        Medication.objects.for_user(user)
        .annotate(
            days=Count("doses__entry__day", filter=in_period, distinct=True),
            doses_taken=Count("doses", filter=in_period),
            relief=Avg("doses__relief_2h", filter=in_period),
        )
        .filter(Q(days__gt=0) | Q(use="preventive", active=True))
        .order_by("-days", "name")
        .values("name", "drug_class", "use", "active", "strength", "started_on", "stopped_on", "days", "doses_taken",
                "relief")
    )  # fmt: skip


def report_data(*, user, start: date, end: date, today: date) -> dict:
    """Everything the doctor's report shows, for start..end (about six queries, whatever the
    history's size: the days, attack features, medicine use, results, preventives)."""
    length = (end - start).days + 1
    previous_start = start - timedelta(days=length)
    # The months before the range are read too (same query): a warning knows how many months in
    # a row it has held, and the previous period of the same length gives the change.
    lookback = stats.month_start_before(start, months=stats.PATTERN_AFTER_MONTHS)
    records, extras = day_records_with(
        user=user, start=min(lookback, previous_start), end=end, extra=stats.ATTACK_FEATURE_FIELDS
    )
    in_range = [record for record in records if record.day >= start]
    by_day = {record.day: record for record in in_range}
    all_months = months_with_duration(records=records, start=lookback, end=end, clip_from=start)
    results = latest_results(user=user, with_difficulty=True)
    months = [
        {"month": figures.start.replace(day=1), "figures": figures}
        for figures in all_months[stats.PATTERN_AFTER_MONTHS :]
    ]
    totals = stats.figures(in_range, start, end)
    previous = stats.figures(records, previous_start, start - timedelta(days=1))
    medicines = medicines_in_period(user=user, start=start, end=end)
    return {
        "months": months,
        "totals": totals,
        "rates": period_rates(totals, previous),
        "features": stats.attack_features([(record, extras[record.day]) for record in in_range]),
        "strip": stats.strip_rows(start, end, by_day),
        "medications": [m for m in medicines if m["days"]],
        "results": results,
        "difficulty": difficulty_answers(results=results),
        "preventives": [
            describe_preventive(m["name"], m["strength"], m["started_on"], m["stopped_on"])
            for m in sorted(medicines, key=lambda m: m["name"])
            if m["use"] == "preventive" and m["active"]
        ],
    }


def per_30_days(days: int, recorded: int) -> float | None:
    """Days per 30 recorded days (None when nothing was recorded)."""
    return round(days * 30 / recorded, 1) if recorded else None


def period_rates(current: stats.Figures, previous: stats.Figures) -> list[dict]:
    """Headache, migraine and acute-medicine days per 30 recorded days, now and in the period of
    the same length just before, with the change."""
    rows = []
    for label, attribute in (
        (_("Headache days"), "headache_days"),
        (_("Migraine days"), "migraine_days"),
        (_("Acute-medicine days"), "acute_days"),
    ):
        now = per_30_days(getattr(current, attribute), current.recorded_days)
        before = per_30_days(getattr(previous, attribute), previous.recorded_days)
        change = round(now - before, 1) if now is not None and before is not None else None
        rows.append({"label": label, "now": now, "before": before, "change": change})
    return rows


def describe_preventive(name: str, strength: str, started_on: date | None, stopped_on: date | None) -> str:
    """ "Propranolol 80 mg (since 2026-01-05)" or "... (2026-01-05 to 2026-06-30)", for the report."""
    text = f"{name} {strength}".strip()
    if started_on and stopped_on:
        return (
            text
            + " "
            + _("(%(start)s to %(stop)s)") % {"start": started_on.isoformat(), "stop": stopped_on.isoformat()}
        )
    if started_on:
        return text + " " + _("(since %(start)s)") % {"start": started_on.isoformat()}
    if stopped_on:
        return text + " " + _("(stopped %(stop)s)") % {"stop": stopped_on.isoformat()}
    return text


def active_medicines(*, user) -> list[dict]:
    """The person's medicines in use, by name: the day form's dose choices and attack mode's
    buttons both come from this one read (through core.raw, as it is on every cold day page:
    0.21 -> 0.03 ms)."""
    rows = raw.fetch(_active_medicines_sql(), [user.pk, True], ())
    return [{"pk": pk, "name": name, "use": use} for pk, name, use in rows]


@cache
def _active_medicines_sql() -> str:
    m = raw.Table(Medication, "m")
    return (
        f"SELECT {m['id']}, {m['name']}, {m['use']} FROM {m} "  # noqa: S608 (the models' own names only)
        f"WHERE {m['user']} = %s AND {m['active']} = %s ORDER BY {m['name']}"
    )


def ongoing_attack(*, user) -> Attack | None:
    """The attack going on, the newest if the phone left more than one open (through core.raw,
    as it is on every cold Today)."""
    sql, fields = _ongoing_attack_sql()
    rows = raw.fetch(sql, [user.pk], fields)
    return raw.instance(Attack, rows[0]) if rows else None


@cache
def _ongoing_attack_sql() -> tuple[str, list]:
    a = raw.Table(Attack, "a")
    sql = (
        f"SELECT {', '.join(a.stored_columns())} FROM {a} "  # noqa: S608 (the models' own names only)
        f"WHERE {a['user']} = %s AND {a['ended_at']} IS NULL ORDER BY {a['started_at']} DESC LIMIT 1"
    )
    return sql, a.stored_fields()


def recent_doses(*, user, day: date) -> list[Dose]:
    """Doses on `day` and the day before, with their medicine, in the order taken: the day form's
    rows (those on `day`) and attack mode's relief questions (any of them) from one read. (A page
    that is not a save's reads them with the days, in day_page.)"""
    return list(
        Dose.objects.filter(entry__user=user, entry__day__range=(day - timedelta(days=1), day))
        .select_related("medication")
        .annotate(day=F("entry__day"))
        .order_by("entry__day", "taken_at", "pk")
    )


def attack_mode(*, user, now: datetime, zone, medicines: list[dict], doses: list[Dose]) -> dict:
    """What the top of Today needs: the attack going on (if any, one query), the acute medicines
    to tap, and the doses taken 2 to 24 hours ago whose relief is not told yet; `changes_at` is
    when that list next changes by itself (the kept page is good until then)."""
    ongoing = ongoing_attack(user=user)
    local = now.astimezone(zone)
    relief_due, changes_at = [], None
    for dose in doses:
        if dose.relief_2h is not None or dose.taken_at is None:
            continue
        due, changes = stats.relief_question(dose_moment(dose.day, dose.taken_at, zone), local)
        if due:
            relief_due.append(dose)
        if changes is not None and (changes_at is None or changes < changes_at):
            changes_at = changes
    # How many of the person's days ago it began (0 today, 1 yesterday), so the heading can name the day.
    since_days = (local.date() - ongoing.started_at.astimezone(zone).date()).days if ongoing else None
    return {
        "attack": ongoing,
        "since_days": since_days,
        "medicines": [m for m in medicines if m["use"] == Medication.Use.ACUTE],
        "relief_due": relief_due,
        "changes_at": changes_at,
    }
