"""What the server loads before it takes its first request.

gunicorn loads the app in its master process and calls `warm_up()` there (`when_ready`,
gunicorn.conf.py) before it forks the workers, so every worker, first or recycled, starts with it
all in place. Without it a worker's first requests paid for importing the URLconf and every view,
compiling the templates they use, and the large libraries some pages load on first use: numpy
(charts, insights) and WeasyPrint with Pango (the report page asks whether it can draw a PDF; the
first PDF also parsed the report's stylesheets, about 0.3 s more). In a fresh process on the
benchmark's person (three years of diary), the first request took 170 ms for charts, 190 for
insights, 430 for today and 1.1 s for the report, against 3-16 ms for the next; and gunicorn
recycles each worker after about 2,000 requests (`max_requests`), so people met that delay again
and again, not only after a deploy.

Nothing here opens a database connection, so no worker inherits one from the master (tested).
The master holds about 50 MB more (numpy about 10, WeasyPrint about 27, the parsed stylesheets
about 11), which the forked workers share until they write to it; a worker that had drawn a PDF
held all of it anyway.
"""

from pathlib import Path

from django.template import engines
from django.urls import get_resolver

from accounts.time_zones import known_zones

# Our own templates: those in the project's templates directory, by the names pages load them by.
TEMPLATE_SUFFIXES = (".html", ".js", ".txt")


def warm_up() -> None:
    get_resolver().reverse_dict  # noqa: B018 (builds the URLconf and reverse()'s table, importing every view)
    compile_templates()
    known_zones()  # the time zones this system knows, read from disk; every request checks against them

    import numpy  # noqa: F401 (the charts' and insights' statistics import it on first use)

    from journal import pdf

    if pdf.available():  # imports WeasyPrint and loads Pango, or finds that they are missing
        pdf.parsed_stylesheets()


def compile_templates() -> list[str]:
    """Compile every template in the project's templates directories into the cached loader, and
    return their names."""
    engine = engines["django"].engine
    names = []
    for directory in engine.dirs:
        directory = Path(directory)
        for path in sorted(directory.rglob("*")):
            if path.suffix in TEMPLATE_SUFFIXES:
                name = path.relative_to(directory).as_posix()
                engine.get_template(name)
                names.append(name)
    return names
