"""The benchmark runs end to end on a tiny scale and its figures add up.

The full-scale run belongs to `make bench`, not to the test suite: this only proves the
script works and that what it prints and writes is consistent.
"""

import csv
import json
import subprocess
import sys

from conftest import PROJECT_ROOT


def count_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def test_benchmark_on_a_tiny_scale(tmp_path):
    report_path = tmp_path / "benchmark.json"
    result = subprocess.run(
        [sys.executable, "scripts/benchmark.py", "--scale", "0.001", "--runs", "1",
         "--work-dir", str(tmp_path), "--json", str(report_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    report = json.loads(report_path.read_text())
    (scale,) = report["scales"]
    data_dir = tmp_path / "data/bench" / f"users_{scale['users']}"
    assert scale["users"] == round(206_209 * 0.001)
    assert scale["order_lines"] == (count_rows(data_dir / "order_products__prior.csv")
                                    + count_rows(data_dir / "order_products__train.csv"))
    for step in ("floor", "dbt_build", "render_review"):
        figures = scale[step]
        assert figures["runs"] == 1 and figures["min_s"] == figures["median_s"] == figures["max_s"] > 0
        assert figures["peak_rss_mb"] > 0
    fixed = report["dbt_fixed_cost"]["median_s"]
    floor, build = scale["floor"]["median_s"], scale["dbt_build"]["median_s"]
    assert abs(scale["build_over_floor"] - build / floor) <= 0.006
    assert abs(scale["build_less_fixed_cost_over_floor"] - (build - fixed) / floor) <= 0.006
    assert len(scale["slowest_dbt_nodes"]) == 5
    assert report["machine"]["cores"] >= 1 and report["versions"]["duckdb"]

    assert "build / floor" in result.stdout and "dbt fixed cost" in result.stdout
    # Nothing is written into the project: datasets and databases go under --work-dir.
    assert (tmp_path / "warehouse" / f"bench_{scale['users']}" / "instacart.duckdb").exists()
    assert not (PROJECT_ROOT / "warehouse" / f"bench_{scale['users']}").exists()
