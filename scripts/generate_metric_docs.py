"""Write the metric facts doc blocks (models/marts/kpi/_metric_facts.md) from the seeds.

Each metric's owner, tier, direction, thresholds, cadences, watchers, escalation and
first checks live once, in seeds/metric_definitions.csv and seeds/metric_first_checks.csv.
The docs site shows them through the doc blocks this script writes (`metric_facts_<id>`,
used in the KPI marts' column descriptions); a test fails when the file is not what this
script would write, so run it after editing either seed:

  python scripts/generate_metric_docs.py            # rewrite the file
  python scripts/generate_metric_docs.py --check    # exit 1 when it is out of date
"""

import csv
import sys
from pathlib import Path

from generated_file import write_or_check  # scripts/ is on the path when run

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
OUTPUT = PROJECT_ROOT / "models" / "marts" / "kpi" / "_metric_facts.md"
DIRECTION_WORDS = {
    "higher_is_better": ("Higher is better", "at or below"),
    "lower_is_better": ("Lower is better", "at or above"),
}


def read_seed(name):
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text):
    """'155' stays '155', '0.03' stays '0.03': the seed's own spelling."""
    return text.strip()


def thresholds_line(metric):
    words, breach = DIRECTION_WORDS[metric["direction"]]
    if not metric["warn_threshold"]:
        return f"{words}. Guardrail: none (judged by signal and plan)."
    return (
        f"{words}. Guardrail: warn {breach} {number(metric['warn_threshold'])}, "
        f"critical {breach} {number(metric['critical_threshold'])}."
    )


def facts_block(metric, checks):
    lines = [
        f"{{% docs metric_facts_{metric['metric_id']} %}}",
        f"- **Owner**: {metric['owner_role']} ({metric['tier']}, {metric['metric_type']}). {thresholds_line(metric)}",
        f"- **Cadence**: reviewed {metric['review_cadence']}, data refreshed {metric['refresh_cadence']}. "
        f"**Watchers**: {metric['watchers']}. **Escalation**: {metric['escalation']}.",
        "- **First checks**: "
        + " ".join(f"({check['check_order']}) {check['question']}: `{check['source']}`." for check in checks),
        "{% enddocs %}",
    ]
    return "\n".join(lines)


def render():
    metrics = sorted(read_seed("metric_definitions"), key=lambda row: int(row["sort_order"]))
    checks = {}
    for check in sorted(read_seed("metric_first_checks"), key=lambda row: int(row["check_order"])):
        checks.setdefault(check["metric_id"], []).append(check)
    header = (
        "<!-- Written by scripts/generate_metric_docs.py from seeds/metric_definitions.csv and "
        "seeds/metric_first_checks.csv; edit the seeds, then run the script. -->"
    )
    return (
        "\n\n".join([header, *(facts_block(metric, checks.get(metric["metric_id"], [])) for metric in metrics)]) + "\n"
    )


def main(argv=None):
    return write_or_check(OUTPUT, render(), "scripts/generate_metric_docs.py", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
