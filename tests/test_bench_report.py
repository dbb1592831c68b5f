"""How the benchmark works out its ratios (bench/run.py): each round of load against the floor's in
the same round, and what the crowd costs against each run's own floor, so that the machine
drifting between rounds, or between the two runs, is not counted as a page's or the crowd's cost."""

import pytest

from bench.run import crowd_ratios, misses


def run(floor_ms: float, today_ms: float) -> dict:
    page = {"errors": 0, "queries": 5, "p50_ratio": 1.0, "cold_p50_ratio": 1.0}
    return {
        "pages": {"floor": {**page, "p50_ms": floor_ms}, "today": {**page, "p50_ms": today_ms}},
        "worker_memory_mb": [120.0],
    }


def test_a_machine_slower_in_the_second_run_is_not_the_crowds_cost():
    against_floor, raw = crowd_ratios({"alone": run(10.0, 20.0), "crowd": run(13.0, 26.0)})
    assert raw == {"floor": pytest.approx(1.3), "today": pytest.approx(1.3)}
    assert against_floor == {"floor": pytest.approx(1.0), "today": pytest.approx(1.0)}


def test_a_page_the_crowd_slows_more_than_the_floor_is_counted():
    against_floor, raw = crowd_ratios({"alone": run(10.0, 20.0), "crowd": run(10.5, 27.3)})
    assert against_floor["today"] == pytest.approx(1.3)  # 27.3 / 10.5 against 20 / 10
    assert raw["today"] == pytest.approx(1.365)
    runs = {"alone": run(10.0, 20.0), "crowd": run(10.5, 27.3)}
    report = {"runs": runs, "crowd_ratio": against_floor}
    assert misses(report) == ["today: 1.30x slower with the crowd (target 1.2x)"]


def test_each_round_is_read_against_its_own_floor():
    """A slow round (the machine busy for a while) slows the floor and the page of that round
    alike: their ratio in that round is what it is in the others, and the median round counts."""
    from bench.run import build_report, combined

    floor = combined(
        [{"requests": 100, "rps": 100.0, "p50_ms": ms, "p99_ms": 2 * ms, "errors": 0} for ms in (4, 4, 8, 4, 4)]
    )
    today = combined(
        [{"requests": 50, "rps": 50.0, "p50_ms": ms, "p99_ms": 3 * ms, "errors": 0} for ms in (5, 5, 10, 5, 6)]
    )
    assert (today["requests"], today["rps"], today["p50_ms"], today["p99_ms"]) == (250, 50.0, 5, 15)
    floor.update(cold_p50_ms=3.0, cold_round_ms=[3.0, 3.0, 9.0])
    today.update(cold_p50_ms=9.0, cold_round_ms=[7.5, 9.0, 18.0])
    for page in (floor, today):
        page.update(queries=5, warm_queries=3)
    run = {"pages": {"floor": floor, "today": today}, "worker_memory_mb": [120.0]}
    report = build_report("sqlite", {"alone": run, "crowd": run}, seconds=10, clients=4, crowd=0)
    page = report["runs"]["crowd"]["pages"]["today"]
    assert page["p50_ratio"] == pytest.approx(1.25)  # rounds 1.25, 1.25, 1.25, 1.25, 1.5
    assert page["cold_p50_ratio"] == pytest.approx(2.5)  # rounds 2.5, 3, 2 (not 9 / 3)
    assert report["crowd_ratio"]["today"] == pytest.approx(1.0)


def test_a_run_stored_before_the_rounds_is_read_as_before():
    from bench.run import round_ratio

    assert round_ratio({"p50_ms": 6.0}, {"p50_ms": 4.0}, "round_p50_ms", "p50_ms") == pytest.approx(1.5)


def test_a_round_that_measured_nothing_is_left_out_and_a_single_load_is_read_whole():
    from bench.run import round_ratio

    floor = {"p50_ms": 4.0, "round_p50_ms": [4.0, 0.0, 4.0]}
    assert round_ratio({"p50_ms": 5.0, "round_p50_ms": [5.0, 9.0, 6.0]}, floor, "round_p50_ms", "p50_ms") == 1.375
    assert round_ratio({"p50_ms": 1.0, "round_p50_ms": [1.0]}, floor, "round_p50_ms", "p50_ms") == 0.25


def test_each_cold_round_takes_the_floor_three_times_around_its_pages_and_keeps_the_median(monkeypatch):
    """The floor is one short request: against one noisy floor a round's ratio leans high, so each
    round measures it before its first page, in its middle and after its last."""
    from bench import run as bench

    asked, now = [], [0.0]
    floor_ms = iter([4.0, 5.0, 9.0, 4.0, 6.0, 3.0, 30.0])  # warming, then two rounds of three
    page_ms = {"/t/": 10.0, "/c/": 12.0, "/i/": 13.0}

    def http(url, *, cookies):
        path = url.removeprefix("http://bench")
        asked.append(path)
        now[0] += (next(floor_ms) if path == "/floor/" else page_ms[path]) / 1000

    monkeypatch.setattr(bench, "http", http)
    monkeypatch.setattr(bench, "WORKERS_TO_WARM", 1)
    monkeypatch.setattr(bench.time, "perf_counter", lambda: now[0])
    pages = {"floor": "/floor/", "today": "/t/", "charts": "/c/", "insights": "/i/", "static file": "/s.css"}

    times = bench.cold_times("http://bench", "a=1", pages, samples=2, save=lambda *args: None)

    one_round = ["/floor/", "/t/", "/floor/", "/c/", "/i/", "/floor/"]
    assert asked == ["/floor/", "/t/", "/c/", "/i/", *one_round, *one_round]
    assert times["floor"] == pytest.approx([5.0, 6.0])  # each round's median floor
    assert times["charts"] == pytest.approx([12.0, 12.0])
