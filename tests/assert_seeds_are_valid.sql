-- Every rule the seeds must keep, in one query (one node, where a generic test per rule
-- would cost one node each): a failing row names the seed, the row and the rule it breaks.
-- A metric's thresholds: both or neither, and critical beyond warn in the direction of harm.
-- The failing rows are stored, and dbt prints the query that shows them.
{{ config(store_failures=true) }}
{%- set defined_metrics = "(select metric_id from " ~ ref('metric_definitions') ~ ")" %}
{%- set measures = "('" ~ kpi_measure_names() | join("', '") ~ "')" %}
{%- set checks = [
    ('metric_definitions', 'metric_id', 'metric_id is null', 'metric_id is missing'),
    ('metric_definitions', 'metric_id', "metric_id in (select metric_id from " ~ ref('metric_definitions') ~ " group by metric_id having count(*) > 1)", 'metric_id is not unique'),
    ('metric_definitions', 'metric_id', 'display_name is null', 'display_name is missing'),
    ('metric_definitions', 'metric_id', "coalesce(tier not in ('P0', 'P1', 'P2', 'P3'), true)", 'tier is not one of P0, P1, P2, P3'),
    ('metric_definitions', 'metric_id', "coalesce(metric_type not in ('north_star', 'driver', 'guardrail', 'volume'), true)", 'metric_type is not one of north_star, driver, guardrail, volume'),
    ('metric_definitions', 'metric_id', 'owner_role is null', 'owner_role is missing'),
    ('metric_definitions', 'metric_id', 'unit is null', 'unit is missing'),
    ('metric_definitions', 'metric_id', "coalesce(direction not in ('higher_is_better', 'lower_is_better'), true)", 'direction is not higher_is_better or lower_is_better'),
    ('metric_definitions', 'metric_id', '(warn_threshold is null) <> (critical_threshold is null)', 'has one threshold of warn and critical, not both or neither'),
    ('metric_definitions', 'metric_id', "direction = 'higher_is_better' and critical_threshold > warn_threshold", 'critical_threshold is above warn_threshold for a higher_is_better metric'),
    ('metric_definitions', 'metric_id', "direction = 'lower_is_better' and critical_threshold < warn_threshold", 'critical_threshold is below warn_threshold for a lower_is_better metric'),
    ('metric_definitions', 'metric_id', 'numerator is null or numerator not in ' ~ measures, 'numerator is not a measure of int_period_segments__measured'),
    ('metric_definitions', 'metric_id', 'denominator not in ' ~ measures, 'denominator is not a measure of int_period_segments__measured'),
    ('metric_definitions', 'metric_id', "review_cadence not in ('weekly', 'monthly')", 'review_cadence is not weekly or monthly'),
    ('metric_definitions', 'metric_id', 'refresh_cadence is null', 'refresh_cadence is missing'),
    ('metric_definitions', 'metric_id', 'watchers is null', 'watchers is missing'),
    ('metric_definitions', 'metric_id', 'escalation is null', 'escalation is missing'),
    ('metric_definitions', 'metric_id', 'formula is null', 'formula is missing'),
    ('metric_definitions', 'metric_id', 'sort_order is null', 'sort_order is missing'),
    ('metric_definitions', 'metric_id', "sort_order in (select sort_order from " ~ ref('metric_definitions') ~ " group by sort_order having count(*) > 1)", 'sort_order is not unique'),
    ('metric_first_checks', "metric_id || ' #' || check_order", 'metric_id is null', 'metric_id is missing'),
    ('metric_first_checks', "metric_id || ' #' || check_order", 'metric_id not in ' ~ defined_metrics, 'metric_id is not in metric_definitions'),
    ('metric_first_checks', "metric_id || ' #' || check_order", 'coalesce(check_order not in (1, 2, 3), true)', 'check_order is not 1, 2 or 3'),
    ('metric_first_checks', "metric_id || ' #' || check_order", 'question is null', 'question is missing'),
    ('metric_first_checks', "metric_id || ' #' || check_order", 'source is null', 'source is missing'),
    ('metric_first_checks', "metric_id || ' #' || check_order", "metric_id || ' #' || check_order in (select metric_id || ' #' || check_order from " ~ ref('metric_first_checks') ~ " group by metric_id, check_order having count(*) > 1)", 'metric_id and check_order are not unique'),
    ('metric_actions', "metric_id || ' ' || kind", 'metric_id is null', 'metric_id is missing'),
    ('metric_actions', "metric_id || ' ' || kind", 'metric_id not in ' ~ defined_metrics, 'metric_id is not in metric_definitions'),
    ('metric_actions', "metric_id || ' ' || kind", "coalesce(kind not in ('signal', 'plan', 'guardrail'), true)", 'kind is not signal, plan or guardrail'),
    ('metric_actions', "metric_id || ' ' || kind", 'action is null', 'action is missing'),
    ('metric_actions', "metric_id || ' ' || kind", "metric_id || ' ' || kind in (select metric_id || ' ' || kind from " ~ ref('metric_actions') ~ " group by metric_id, kind having count(*) > 1)", 'metric_id and kind are not unique'),
    ('metric_plan', "metric_id || ' ' || cast(effective_from as string)", 'metric_id not in ' ~ defined_metrics, 'metric_id is not in metric_definitions'),
    ('metric_plan', "metric_id || ' ' || cast(effective_from as string)", 'effective_from is null or cast(date_trunc(\'week\', effective_from) as date) <> effective_from', 'effective_from is not a Monday'),
    ('metric_plan', "metric_id || ' ' || cast(effective_from as string)", "coalesce(target_type not in ('level', 'growth_on_last_year'), true)", 'target_type is not level or growth_on_last_year'),
    ('metric_plan', "metric_id || ' ' || cast(effective_from as string)", 'target is null', 'target is missing'),
    ('metric_plan', "metric_id || ' ' || cast(effective_from as string)", 'coalesce(tolerance < 0, true)', 'tolerance is missing or below 0'),
    ('metric_plan', "metric_id || ' ' || cast(effective_from as string)", "metric_id || ' ' || cast(effective_from as string) in (select metric_id || ' ' || cast(effective_from as string) from " ~ ref('metric_plan') ~ " group by metric_id, effective_from having count(*) > 1)", 'metric_id and effective_from are not unique'),
    ('segment_bands', 'segment_name', 'segment_name is null', 'segment_name is missing'),
    ('segment_bands', 'segment_name', "segment_name in (select segment_name from " ~ ref('segment_bands') ~ " group by segment_name having count(*) > 1)", 'segment_name is not unique'),
    ('segment_bands', 'segment_name', 'coalesce(min_observed_orders < 1, true)', 'min_observed_orders is missing or below 1'),
    ('segment_bands', 'segment_name', 'sort_order is null', 'sort_order is missing'),
    ('segment_bands', 'segment_name', "sort_order in (select sort_order from " ~ ref('segment_bands') ~ " group by sort_order having count(*) > 1)", 'sort_order is not unique'),
    ('segment_bands', 'segment_name', 'action is null', 'action is missing'),
    ('segment_bands', 'segment_name', 'owner_role is null', 'owner_role is missing'),
    ('instacart_files', 'file_key', 'file_key is null', 'file_key is missing'),
    ('instacart_files', 'file_key', "file_key in (select file_key from " ~ ref('instacart_files') ~ " group by file_key having count(*) > 1)", 'file_key is not unique'),
    ('instacart_files', 'file_key', 'is_required is null', 'is_required is missing'),
] %}

{% for seed_name, row_key, failing, rule in checks %}
    select
        '{{ seed_name }}' as seed_name,
        cast({{ row_key }} as string) as row_key,
        '{{ rule }}' as rule
    from {{ ref(seed_name) }}
    where {{ failing }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
