-- The metric spine: one row per grain (snapshot, week, month, trailing_window), reported
-- period, segment and metric of seed metric_definitions, with the metric's numerator,
-- denominator and value. Every metric value the project shows is computed here, once:
-- value = numerator / denominator, the two measures the seed names for the metric (a count
-- or a median, with no denominator, is its numerator). Scorecards, comparisons,
-- attributions, segment tables and the review all read this table.

with period_segments as (
    select * from {{ ref('int_period_segments__measured') }}
),

measures as (
    {% for name in kpi_measure_names() %}
        {% if not loop.first %}union all{% endif %}
        select
            grain,
            period_start,
            segment_name,
            '{{ name }}' as measure_id,
            cast({{ name }} as double) as measure_value
        from period_segments
    {% endfor %}
),

definitions as (
    select
        metric_id,
        numerator,
        denominator
    from {{ ref('metric_definitions') }}
)

select
    period_segments.grain,
    period_segments.period_start,
    period_segments.period_end,
    period_segments.window_start,
    period_segments.window_end,
    period_segments.is_complete,
    period_segments.segment_name as segment,
    period_segments.segment_sort_order,
    definitions.metric_id,
    numerators.measure_value as numerator,
    denominators.measure_value as denominator,
    case
        when definitions.denominator is null then numerators.measure_value
        else {{ safe_divide('numerators.measure_value', 'denominators.measure_value') }}
    end as value
from period_segments
cross join definitions
left join measures as numerators
    on period_segments.grain = numerators.grain
        and period_segments.period_start = numerators.period_start
        and period_segments.segment_name = numerators.segment_name
        and definitions.numerator = numerators.measure_id
left join measures as denominators
    on period_segments.grain = denominators.grain
        and period_segments.period_start = denominators.period_start
        and period_segments.segment_name = denominators.segment_name
        and definitions.denominator = denominators.measure_id
