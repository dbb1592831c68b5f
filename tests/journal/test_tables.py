"""The long tables built in Python (journal/tables.py) write what their templates wrote, but for
white space: each is compared here with the template markup it replaced (kept below as the
reference), on data with every branch and with names that must be escaped. The accessible markup
(captions, th scope, roles, data-label for the stacked phone tables, aria-hidden) comes with it."""

import re
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import formats
from django.utils.safestring import SafeString

from journal import selectors, stats, tables
from journal.insights import LIKELY, NO_CLEAR_LINK
from journal.models import Entry
from journal.stats import DayRecord, ThresholdReached

MONTH_TABLE = """{% load i18n %}<table class="table table-bordered month-table mb-2">
  <caption class="visually-hidden">{{ month|date:"F Y" }}</caption>
  <thead>
    <tr>
      <th scope="col" abbr="{% translate 'Monday' %}">{% translate "Mon" %}</th>
      <th scope="col" abbr="{% translate 'Tuesday' %}">{% translate "Tue" %}</th>
      <th scope="col" abbr="{% translate 'Wednesday' %}">{% translate "Wed" %}</th>
      <th scope="col" abbr="{% translate 'Thursday' %}">{% translate "Thu" %}</th>
      <th scope="col" abbr="{% translate 'Friday' %}">{% translate "Fri" %}</th>
      <th scope="col" abbr="{% translate 'Saturday' %}">{% translate "Sat" %}</th>
      <th scope="col" abbr="{% translate 'Sunday' %}">{% translate "Sun" %}</th>
    </tr>
  </thead>
  <tbody>
    {% for week in weeks %}
      <tr>
        {% for cell in week %}{% if cell is None %}<td class="empty"></td>{% elif linked and cell.link %}<td class="day pain-{{ cell.level }}"><a href="{% url 'journal:day' cell.day %}" class="d-block"><span class="day-number">{{ cell.day.day }}</span> <span class="day-summary">{{ cell.text }}</span><span class="day-short" aria-hidden="true">{{ cell.short }}</span></a></td>{% else %}<td class="day pain-{{ cell.level }}"><span class="day-number">{{ cell.day.day }}</span> <span class="day-summary">{{ cell.text }}</span><span class="day-short" aria-hidden="true">{{ cell.short }}</span></td>{% endif %}{% endfor %}
      </tr>
    {% endfor %}
  </tbody>
</table>"""  # noqa: E501

REPORT_MONTHS = """{% load i18n journal_tags %}<table class="table table-sm report-table" role="table">
    <caption class="visually-hidden">{% translate "Headache, migraine and acute-medicine days per month, with ICHD-3 thresholds" %}</caption>
    <thead>
      <tr role="row"><th scope="col" role="columnheader">{% translate "Month" %}</th><th scope="col" role="columnheader">{% translate "Recorded" %}</th><th scope="col" role="columnheader">{% translate "Headache" %}</th><th scope="col" role="columnheader">{% translate "Migraine" %}</th><th scope="col" role="columnheader">{% translate "Acute medicine days by class" %}</th><th scope="col" role="columnheader">{% translate "ICHD-3" %}</th></tr>
    </thead>
    <tbody>
      {% for month in data.months %}
        <tr role="row">
          <th scope="row" role="rowheader">{{ month.month|date:"M Y" }}</th>
          <td role="cell" data-label="{% translate 'Recorded' %}">{{ month.figures.recorded_days }}/{{ month.figures.length }}</td>
          <td role="cell" data-label="{% translate 'Headache' %}">{% if month.figures.unrecorded_days %}≥{% endif %}{{ month.figures.headache_days }}</td>
          <td role="cell" data-label="{% translate 'Migraine' %}">{% if month.figures.unrecorded_days %}≥{% endif %}{{ month.figures.migraine_days }}</td>
          <td role="cell" data-label="{% translate 'Acute medicine days by class' %}">{{ month.figures.acute_days }}{% for drug_class, days in month.figures.acute_days_by_class.items %} · {{ drug_class|drug_class_group }} {{ days }}{% endfor %}</td>
          <td role="cell" data-label="{% translate 'ICHD-3' %}">{% for warning in month.figures.warnings %}{% if warning.code == "chronic_pattern" %}{% if warning.pattern %}{% translate "chronic migraine pattern" %}{% else %}{% translate "chronic migraine threshold reached" %}{% endif %}{% elif warning.code == "overuse_class" %}{% if warning.pattern %}{% translate "overuse pattern" %}{% else %}{% translate "overuse threshold reached" %}{% endif %}: {{ warning.drug_class|drug_class_group }}{% else %}{% if warning.pattern %}{% translate "overuse pattern: several classes" %}{% else %}{% translate "overuse threshold reached: several classes" %}{% endif %}{% endif %} ({% blocktranslate count months=warning.months trimmed %}{{ months }} month in a row{% plural %}{{ months }} months in a row{% endblocktranslate %}){% if not forloop.last %}; {% endif %}{% empty %}–{% endfor %}</td>
        </tr>
      {% endfor %}
    </tbody>
  </table>"""  # noqa: E501

REPORT_STRIP = """{% load i18n %}<table class="report-strip">
    <caption class="visually-hidden">{% translate "One row per month, one cell per day" %}</caption>
    {% for row in data.strip %}
      <tr>
        <th scope="row">{{ row.month|date:"M y" }}</th>
        {% for cell in row.cells %}<td class="strip-{{ cell.kind }}{% if cell.acute %} strip-acute{% endif %}" title="{{ cell.day }}">{{ cell.mark }}</td>{% endfor %}
      </tr>
    {% endfor %}
  </table>"""  # noqa: E501

HISTORY = """{% load i18n %}<table class="table align-middle table-stack" role="table">
      <caption>{% blocktranslate with n=page.number total=page.paginator.num_pages %}Your entries, newest first (page {{ n }} of {{ total }}){% endblocktranslate %}</caption>
      <thead>
        <tr role="row">
          <th scope="col" role="columnheader">{% translate "Day" %}</th>
          <th scope="col" role="columnheader">{% translate "Headache" %}</th>
          <th scope="col" role="columnheader">{% translate "Pain" %}</th>
          <th scope="col" role="columnheader">{% translate "Mood" %}</th>
          <th scope="col" role="columnheader">{% translate "Stress" %}</th>
          <th scope="col" role="columnheader">{% translate "Sleep" %}</th>
          <th scope="col" role="columnheader">{% translate "Medicine" %}</th>
          <th scope="col" role="columnheader">{% translate "Triggers" %}</th>
        </tr>
      </thead>
      <tbody>
        {% for entry in entries %}
          <tr role="row">
            <th scope="row" role="rowheader"><a href="{% url 'journal:day' entry.day %}">{{ entry.day|date:"D j M Y" }}</a></th>
            <td data-label="{% translate 'Headache' %}" role="cell">{{ entry.get_headache_display }}</td>
            <td data-label="{% translate 'Pain' %}" role="cell">{% if entry.has_headache %}{{ entry.pain }}/10{% else %}–{% endif %}</td>
            <td data-label="{% translate 'Mood' %}" role="cell">{{ entry.mood|default_if_none:"–" }}</td>
            <td data-label="{% translate 'Stress' %}" role="cell">{{ entry.stress|default_if_none:"–" }}</td>
            <td data-label="{% translate 'Sleep' %}" role="cell">{% if entry.sleep_hours is not None %}{{ entry.sleep_hours }} h{% else %}–{% endif %}</td>
            <td data-label="{% translate 'Medicine' %}" role="cell">{% for dose in entry.doses.all %}{{ dose.medication.name }}{% if not forloop.last %}, {% endif %}{% empty %}–{% endfor %}</td>
            <td data-label="{% translate 'Triggers' %}" role="cell">{% for trigger in entry.triggers.all %}{{ trigger.name }}{% if not forloop.last %}, {% endif %}{% empty %}–{% endfor %}</td>
          </tr>
        {% endfor %}
      </tbody>
    </table>"""  # noqa: E501

DAILY = """{% load i18n %}<table class="table table-sm">
      <caption>{% blocktranslate with since=since|date:"j M Y" %}Pain (0–10) and mood (1–5) by day since {{ since }}{% endblocktranslate %}</caption>
      <thead><tr><th scope="col">{% translate "Day" %}</th><th scope="col">{% translate "Pain" %}</th><th scope="col">{% translate "Mood" %}</th></tr></thead>
      <tbody>
        {% for row in daily %}<tr><th scope="row">{{ row.day|date:"D j M" }}</th><td>{{ row.pain }}</td><td>{{ row.mood|default_if_none:"–" }}</td></tr>
        {% empty %}<tr><td colspan="3">{% translate "No entries in these 90 days." %}</td></tr>{% endfor %}
      </tbody>
    </table>"""  # noqa: E501

MONTHS_COUNTS = """{% load i18n %}<table class="table table-sm mt-2">
    <caption>{% translate "Headache days, migraine days and days recorded, per month" %}</caption>
    <thead><tr><th scope="col">{% translate "Month" %}</th><th scope="col">{% translate "Headache days" %}</th><th scope="col">{% translate "Migraine days" %}</th><th scope="col">{% translate "Days recorded" %}</th></tr></thead>
    <tbody>
      {% for row in months %}<tr><th scope="row">{{ row.month|date:"F Y" }}</th><td>{{ row.headache_days }}</td><td>{{ row.migraine_days }}</td><td>{{ row.recorded }}</td></tr>{% endfor %}
    </tbody>
  </table>"""  # noqa: E501

FACTORS = """{% load i18n journal_tags %}<table class="table table-sm mt-2">
      <caption>{% translate "Risk ratio of an attack beginning, with its 95% interval, on the day of each factor and on the day after it" %}</caption>
      <thead><tr><th scope="col">{% translate "Factor" %}</th><th scope="col">{% translate "On the day" %}</th><th scope="col">{% translate "The day after" %}</th></tr></thead>
      <tbody>
        {% for row in factors %}<tr>
          <th scope="row">{{ row.label }}</th>
          <td>{{ row.same_day|risk_ratio_cell }}</td>
          <td>{{ row.day_after|risk_ratio_cell }}</td>
        </tr>{% endfor %}
      </tbody>
    </table>"""  # noqa: E501

RISK_RATIO = """{% load i18n journal_tags %}{% if link and link.risk_ratio is not None %}{% blocktranslate with rr=link.risk_ratio|ratio low=link.ci_low|ratio high=link.ci_high|ratio trimmed %}
  {{ rr }} ({{ low }}–{{ high }})
{% endblocktranslate %}{% if link.verdict == "likely" %} <strong>{% translate "likely link" %}</strong>{% endif %}{% else %}<span class="text-body-secondary">{% translate "not enough data yet" %}</span>{% endif %}
"""  # noqa: E501


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def same_but_white_space(built: str, reference: str) -> bool:
    """Equal once any run of white space holding a line break is one line break (white space between
    table rows and cells, which no one sees) and white space before </td> is dropped."""

    def squeeze(html: str) -> str:
        return re.sub(r"\s+</td>", "</td>", re.sub(r"\s*\n\s*", "\n", html)).strip()

    return squeeze(built) == squeeze(reference)


def test_the_month_table_is_the_templates_markup():
    month = date(2026, 6, 1)
    records = {
        date(2026, 6, 1): DayRecord(day=date(2026, 6, 1), headache="migraine", pain=8),
        date(2026, 6, 2): DayRecord(day=date(2026, 6, 2), headache="headache", pain=3),
        date(2026, 6, 3): DayRecord(day=date(2026, 6, 3)),
        date(2026, 6, 20): DayRecord(day=date(2026, 6, 20), headache="headache", pain=5),  # after today
    }
    weeks = selectors.month_weeks(year=2026, month=6, records=records, linkable_until=date(2026, 6, 15))
    weeks[0][3]["text"] = 'a <b>"quoted"</b> & odd'  # anything from data is escaped
    for linked in (True, False):
        built = tables.month_table(weeks, month, linked=linked)
        assert isinstance(built, SafeString)
        assert same_but_white_space(built, render(MONTH_TABLE, weeks=weeks, month=month, linked=linked))
    built = tables.month_table(weeks, month, linked=True)
    assert '<caption class="visually-hidden">June 2026</caption>' in built
    assert '<th scope="col" abbr="Monday">Mon</th>' in built
    assert (
        '<td class="day pain-severe"><a href="/journal/2026-06-01/" class="d-block"><span class="day-number">1</span> '
        '<span class="day-summary">Migraine 8/10</span><span class="day-short" aria-hidden="true">M8</span></a></td>'
    ) in built
    assert "a &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; odd" in built
    assert '<td class="day pain-moderate"><span class="day-number">20</span>' in built  # no link after today
    assert built.count('<td class="empty"></td>') == 5  # June 2026 starts on a Monday, ends on a Tuesday


def figures(start: date, end: date, *, recorded: int, warnings=(), by_class=None) -> stats.Figures:
    by_class = by_class or {}
    return stats.Figures(
        start=start, end=end, recorded_days=recorded, headache_days=16, migraine_days=9,
        acute_days=sum(by_class.values()), acute_days_by_class=by_class, warnings=tuple(warnings),
    )  # fmt: skip


def report_months() -> list[dict]:
    chronic = ThresholdReached(stats.CHRONIC_PATTERN, 16, 15)
    overuse = ThresholdReached(stats.OVERUSE_CLASS, 12, 10, stats.TRIPTAN)
    combined = ThresholdReached(stats.OVERUSE_COMBINED, 11, 10)
    rows = []
    for index, (warnings, by_class, recorded) in enumerate(
        [
            ((), {}, 31),
            ((chronic,), {stats.SIMPLE: 3, stats.GEPANT: 2}, 30),
            ((chronic, overuse), {stats.TRIPTAN: 12, "beta_blocker": 1}, 31),
            ((combined,), {stats.SIMPLE: 6, stats.OPIOID: 5}, 20),
            ((chronic, overuse, combined), {stats.TRIPTAN: 12}, 28),
        ]
    ):
        start, end = stats.month_bounds(2026, index + 1)
        months = 1 if index < 2 else 4 + index  # one month, then patterns of more than three
        warnings = [ThresholdReached(w.code, w.days, w.threshold, w.drug_class, months) for w in warnings]
        rows.append({"month": start, "figures": figures(start, end, recorded=recorded, warnings=warnings,
                                                        by_class=by_class)})  # fmt: skip
    return rows


def test_the_report_months_table_is_the_templates_markup():
    months = report_months()
    built = tables.report_months_table(months)
    assert same_but_white_space(built, render(REPORT_MONTHS, data={"months": months}))
    assert '<td role="cell" data-label="Headache">≥16</td>' in built  # April: 20 of 30 days recorded
    assert "chronic migraine threshold reached (1 month in a row)" in built
    assert "overuse pattern: Triptans (6 months in a row)" in built
    assert "· Other medicines 1" in built
    assert '<td role="cell" data-label="ICHD-3">–</td>' in built


def test_the_report_strip_is_the_templates_markup():
    by_day = {
        date(2026, 1, 30): DayRecord(day=date(2026, 1, 30), headache="headache", pain=5),
        date(2026, 2, 2): DayRecord(day=date(2026, 2, 2), headache="migraine", pain=7, acute_classes=frozenset({"x"})),
        date(2026, 2, 3): DayRecord(day=date(2026, 2, 3)),
    }
    strip = stats.strip_rows(date(2026, 1, 29), date(2026, 3, 2), by_day)
    built = tables.report_strip(strip)
    assert same_but_white_space(built, render(REPORT_STRIP, data={"strip": strip}))
    assert '<th scope="row">Feb 26</th>' in built
    assert '<td class="strip-migraine strip-acute" title="2">M</td>' in built
    assert '<td class="strip-outside" title="3"></td>' in built


def history_rows() -> list[dict]:
    names = ["Sumatriptan", "<Ibu & profen>"]
    return [
        {"id": 1, "day": date(2026, 6, 15), "headache": "migraine", "pain": 8, "mood": 2, "stress": None,
         "sleep_hours": Decimal("7.0"), "medicines": names, "triggers": ['"Stress"', "Alcohol"]},
        {"id": 2, "day": date(2026, 6, 14), "headache": "none", "pain": 0, "mood": None, "stress": 0,
         "sleep_hours": None, "medicines": [], "triggers": []},
        {"id": 3, "day": date(2026, 1, 1), "headache": "headache", "pain": 0, "mood": 5, "stress": 10,
         "sleep_hours": Decimal("10.5"), "medicines": ["Ibuprofen"], "triggers": ["Weather change"]},
    ]  # fmt: skip


def as_entry(row: dict):
    """A history row as the model instance the template read."""
    entry = Entry(day=row["day"], headache=row["headache"], pain=row["pain"], mood=row["mood"], stress=row["stress"],
                  sleep_hours=row["sleep_hours"])  # fmt: skip
    doses = [SimpleNamespace(medication=SimpleNamespace(name=name)) for name in row["medicines"]]
    triggers = [SimpleNamespace(name=name) for name in row["triggers"]]
    return SimpleNamespace(
        day=entry.day, get_headache_display=entry.get_headache_display, has_headache=entry.has_headache,
        pain=entry.pain, mood=entry.mood, stress=entry.stress, sleep_hours=entry.sleep_hours,
        doses=SimpleNamespace(all=lambda: doses), triggers=SimpleNamespace(all=lambda: triggers),
    )  # fmt: skip


def test_the_history_table_is_the_templates_markup():
    rows = history_rows()
    page = Paginator(rows + [{}] * 60, 3).get_page(1)
    page.object_list = rows
    built = tables.history_table(page)
    reference = render(HISTORY, page=page, entries=[as_entry(row) for row in rows])
    assert same_but_white_space(built, reference)
    assert "<caption>Your entries, newest first (page 1 of 21)</caption>" in built
    assert '<th scope="row" role="rowheader"><a href="/journal/2026-06-15/">Mon 15 Jun 2026</a></th>' in built
    assert '<td data-label="Medicine" role="cell">Sumatriptan, &lt;Ibu &amp; profen&gt;</td>' in built
    assert '<td data-label="Triggers" role="cell">&quot;Stress&quot;, Alcohol</td>' in built
    assert '<td data-label="Sleep" role="cell">7.0 h</td>' in built
    assert '<td data-label="Pain" role="cell">–</td>' in built
    assert '<td data-label="Stress" role="cell">0</td>' in built


def test_the_charts_daily_table_is_the_templates_markup():
    since = date(2026, 3, 18)
    daily = [{"day": since + timedelta(days=i), "pain": i % 11, "mood": None if i % 7 == 0 else i % 5 + 1}
             for i in range(90)]  # fmt: skip
    for rows in (daily, []):
        built = tables.daily_table(rows, since)
        assert same_but_white_space(built, render(DAILY, daily=rows, since=since))
    assert "<caption>Pain (0–10) and mood (1–5) by day since 18 Mar 2026</caption>" in tables.daily_table(daily, since)
    assert '<tr><th scope="row">Wed 18 Mar</th><td>0</td><td>–</td></tr>' in tables.daily_table(daily, since)


def test_the_charts_months_table_is_the_templates_markup():
    months = [
        {"month": date(2025, 12 + i, 1) if i < 1 else date(2026, i, 1), "headache_days": 3 * i % 31,
         "migraine_days": i, "recorded": 31 - i}
        for i in range(12)
    ]  # fmt: skip
    for rows in (months, []):
        assert same_but_white_space(tables.months_counts_table(rows), render(MONTHS_COUNTS, months=rows))
    built = tables.months_counts_table(months)
    assert '<tr><th scope="row">December 2025</th><td>0</td><td>0</td><td>31</td></tr>' in built
    assert '<tr><th scope="row">November 2026</th><td>2</td><td>11</td><td>20</td></tr>' in built


def test_the_charts_factors_table_is_the_templates_markup():
    likely = SimpleNamespace(risk_ratio=2.23, ci_low=1.41, ci_high=3.5, verdict=LIKELY)
    unclear = SimpleNamespace(risk_ratio=0.35, ci_low=0.05, ci_high=12.4, verdict=NO_CLEAR_LINK)
    factors = [
        {"label": "Alcohol", "same_day": likely, "day_after": None},
        {"label": '<Cheese & "wine">', "same_day": None, "day_after": unclear},
    ]
    for rows in (factors, []):
        assert same_but_white_space(tables.factors_table(rows), render(FACTORS, factors=rows))
    built = tables.factors_table(factors)
    assert '<th scope="row">&lt;Cheese &amp; &quot;wine&quot;&gt;</th>' in built
    assert "<td>2.2 (1.4–3.5) <strong>likely link</strong></td>" in built
    assert "<td>0.3 (0.05–12)</td>" in built


@pytest.mark.parametrize(
    "link",
    [
        None,
        SimpleNamespace(risk_ratio=None, ci_low=None, ci_high=None, verdict=NO_CLEAR_LINK),
        SimpleNamespace(risk_ratio=2.23, ci_low=1.41, ci_high=3.5, verdict=LIKELY),
        SimpleNamespace(risk_ratio=0.35, ci_low=0.05, ci_high=12.4, verdict=NO_CLEAR_LINK),
    ],
)
def test_the_risk_ratio_cell_is_the_old_includes_markup(link):
    built = render("{% load journal_tags %}<td>{{ link|risk_ratio_cell }}</td>", link=link)
    assert same_but_white_space(built, render("<td>" + RISK_RATIO + "</td>", link=link))


@pytest.mark.parametrize(
    "format_string", ["D j M Y", "D j M", "M Y", "M y", "F Y", "j M Y", "l, d/m/y n", r"\Y\e\s: Y", "N jS"]
)
def test_the_date_formatter_is_the_date_filter(format_string):
    """Every day of 2024 to 2026 (a leap year), and the first days of 1900 and 2100, formatted as
    the template filter formats them ("N jS" has letters it leaves to dateformat)."""
    format_day = tables.date_formatter(format_string)
    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(3 * 366)] + [date(1900, 1, 1), date(2100, 1, 1)]
    reference = Template("{% for day in days %}{{ day|date:format }}|{% endfor %}")
    assert "".join(f"{format_day(day)}|" for day in days) == reference.render(
        Context({"days": days, "format": format_string}, autoescape=False)
    )


@pytest.mark.parametrize("thousands", [False, True])
def test_numbers_are_written_as_django_localizes_them(settings, thousands):
    settings.USE_THOUSAND_SEPARATOR = thousands
    values = [*range(-1001, 1002), 1_000_000, True, False, 7.5, 0.25, Decimal("1.50"), 2.0]
    assert [tables._number(value) for value in values] == [str(formats.localize(value)) for value in values]


# --- The journal's menu, drawn once per page it marks ------------------------------------------


@pytest.fixture
def drawn_menus(monkeypatch):
    """The menus kept by this test alone (the process's own are put back after it)."""
    from journal.templatetags import journal_tags

    monkeypatch.setattr(journal_tags, "_subnavs", {})
    return journal_tags


def test_the_menu_is_the_include_it_replaced_and_marks_each_page_once(settings, drawn_menus):
    from django.template.loader import render_to_string

    settings.DEBUG = False
    use = Template('{% load journal_tags %}{% journal_subnav "charts" %}|{% journal_subnav %}')
    charts, unmarked = use.render(Context()).split("|")
    assert charts == render_to_string("journal/includes/subnav.html", {"active": "charts"})
    assert unmarked == render_to_string("journal/includes/subnav.html", {"active": ""})
    # Shown twice (folded on a phone, pills wider up), the page marked in both and named in the fold.
    assert charts.count('aria-current="page" href="/journal/charts/"') == 2
    assert "Journal menu<span" in charts
    assert "· Charts</span>" in charts
    assert "aria-current" not in unmarked
    assert set(drawn_menus._subnavs) == {("en", "charts", "/"), ("en", "", "/")}
    # Kept: the second time is the same string, not drawn again.
    drawn_menus._subnavs[("en", "charts", "/")] = "kept"
    assert use.render(Context()).split("|")[0] == "kept"


def test_with_debug_on_the_menu_is_drawn_every_time(settings, drawn_menus):
    settings.DEBUG = True
    Template('{% load journal_tags %}{% journal_subnav "today" %}').render(Context())
    assert drawn_menus._subnavs == {}
