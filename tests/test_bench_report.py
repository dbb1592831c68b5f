"""How the benchmark works out what the crowd costs (bench/run.py): against each run's own floor,
so that the machine drifting between the two runs is not counted as the crowd's cost."""

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
