"""House rules for model metadata that dbt-score's generic rules do not cover."""

from dbt_score import Model, RuleViolation, Severity, rule


@rule(severity=Severity.HIGH)
def model_is_tested(model: Model) -> RuleViolation | None:
    """Every model has a data test (on it, on a column, or a singular test) or an enforced contract.

    An enforced contract checks the model's column names and types on every build, the one
    check a view over the 33.7M lines can afford (a data test would scan them again).
    """
    has_test = bool(model._raw_test_values) or any(column.tests for column in model.columns)
    has_contract = model.config.get("contract", {}).get("enforced", False)
    if not (has_test or has_contract):
        return RuleViolation(message="Model has no data test and no enforced contract.")


@rule(severity=Severity.HIGH)
def columns_are_declared(model: Model) -> RuleViolation | None:
    """Every model lists its columns in YAML, so each one can carry a description."""
    if not model.columns:
        return RuleViolation(message="Model declares no columns in its YAML.")
