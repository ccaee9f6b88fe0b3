-- One row per metric in seed metric_definitions: its value this build, owner, tier,
-- thresholds and status. A metric's id names the kpi_north_star column holding its value.
with metric_values as (
    unpivot (
        select columns(* exclude (as_of_date))::double
        from {{ ref('kpi_north_star') }}
    )
    on columns(*)
    into name metric_id value value
),

metric_definitions as (
    select * from {{ ref('metric_definitions') }}
)

select
    metric_definitions.metric_id,
    metric_definitions.display_name,
    metric_definitions.tier,
    metric_definitions.metric_type,
    metric_definitions.owner_role,
    metric_definitions.unit,
    metric_definitions.direction,
    metric_values.value,
    metric_definitions.warn_threshold,
    metric_definitions.critical_threshold,
    {{ kpi_status(
        'metric_values.value',
        'metric_definitions.direction',
        'metric_definitions.warn_threshold',
        'metric_definitions.critical_threshold',
    ) }} as status,
    metric_definitions.formula,
    metric_definitions.sort_order,
from metric_definitions
left join metric_values
    on metric_definitions.metric_id = metric_values.metric_id
