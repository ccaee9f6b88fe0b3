-- The KPI history and the two views that compare its entries: keys present and unique,
-- statuses known, and VPAC equal to its drivers' product in both entries. One query (one
-- node) over three small views; a failing row names the view, the row and the rule.
{{ config(store_failures=true) }}
{%- set statuses = "('ok', 'warn', 'critical')" %}
{%- set history = ref('kpi_scorecard_history') %}
{%- set changes = ref('kpi_metric_changes') %}
{%- set vpac_change = ref('kpi_vpac_change') %}
{%- set checks = [
    ('kpi_scorecard_history', "cast(as_of_date as string) || ' ' || metric_id", 'as_of_date is null', 'as_of_date is missing'),
    ('kpi_scorecard_history', "cast(as_of_date as string) || ' ' || metric_id", 'metric_id is null', 'metric_id is missing'),
    ('kpi_scorecard_history', "cast(as_of_date as string) || ' ' || metric_id", 'status not in ' ~ statuses, 'status is not ok, warn or critical'),
    ('kpi_scorecard_history', "cast(as_of_date as string) || ' ' || metric_id", "cast(as_of_date as string) || ' ' || metric_id in (select cast(as_of_date as string) || ' ' || metric_id from " ~ history ~ " group by as_of_date, metric_id having count(*) > 1)", 'as_of_date and metric_id are not unique'),
    ('kpi_metric_changes', 'metric_id', 'metric_id is null', 'metric_id is missing'),
    ('kpi_metric_changes', 'metric_id', "metric_id in (select metric_id from " ~ changes ~ " group by metric_id having count(*) > 1)", 'metric_id is not unique'),
    ('kpi_metric_changes', 'metric_id', 'current_as_of_date is null', 'current_as_of_date is missing'),
    ('kpi_metric_changes', 'metric_id', 'current_status not in ' ~ statuses, 'current_status is not ok, warn or critical'),
    ('kpi_metric_changes', 'metric_id', 'previous_status not in ' ~ statuses, 'previous_status is not ok, warn or critical'),
    ('kpi_metric_changes', 'metric_id', 'has_previous_entry is null', 'has_previous_entry is missing'),
    ('kpi_vpac_change', 'cast(current_as_of_date as string)', 'has_previous_entry is null', 'has_previous_entry is missing'),
    ('kpi_vpac_change', 'cast(current_as_of_date as string)', 'not ' ~ within_rounding('previous_vpac', 'previous_orders_per_customer * previous_items_per_order'), 'previous_vpac is not previous orders per customer x items per order'),
    ('kpi_vpac_change', 'cast(current_as_of_date as string)', 'not ' ~ within_rounding('current_vpac', 'current_orders_per_customer * current_items_per_order'), 'current_vpac is not current orders per customer x items per order'),
] %}

{% for view_name, row_key, failing, rule in checks %}
    select
        '{{ view_name }}' as view_name,
        {{ row_key }} as row_key,
        '{{ rule }}' as rule
    from {{ ref(view_name) }}
    where {{ failing }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
