-- One row per complete week (against the week before it), component and effect: how
-- VPAC's change splits over its drivers (LMDI: orders per customer, items per order) and
-- over segments (midpoint shift-share: mix and rate). Each split adds up to VPAC's change
-- exactly. Read from the metric spine (segment all) and the segment table at the review's
-- grain; the review reads the latest complete week (is_latest_complete_week).
with totals as (
    select
        period_start as week_start,
        previous_period_start as previous_week_start,
        is_complete,
        max(case when metric_id = 'vpac' then value end) as current_vpac,
        max(case when metric_id = 'vpac' then previous_value end) as previous_vpac,
        max(case when metric_id = 'orders_per_customer' then value end) as current_orders_per_customer,
        max(case when metric_id = 'orders_per_customer' then previous_value end) as previous_orders_per_customer,
        max(case when metric_id = 'items_per_order' then value end) as current_items_per_order,
        max(case when metric_id = 'items_per_order' then previous_value end) as previous_items_per_order
    from {{ ref('kpi_metric_comparisons') }}
    where grain = '{{ kpi_review_grain() }}'
        and segment = 'all'
        and metric_id in ('vpac', 'orders_per_customer', 'items_per_order')
    group by period_start, previous_period_start, is_complete
),

week_pairs as (
    select
        *,
        week_start = max(week_start) over () as is_latest_complete_week
    from totals
    where is_complete and previous_week_start is not null
),

-- LMDI needs values above zero: a week without customers (or a zero driver) has no split.
driver_weights as (
    select
        *,
        case
            when current_orders_per_customer > 0 and previous_orders_per_customer > 0
                and current_items_per_order > 0 and previous_items_per_order > 0
                then {{ log_mean('current_vpac', 'previous_vpac') }}
        end as vpac_log_mean
    from week_pairs
),

driver_splits as (
    {% for driver, sort_order in [('orders_per_customer', 1), ('items_per_order', 2)] %}
        {% if not loop.first %}union all{% endif %}
        select
            week_start,
            previous_week_start,
            is_latest_complete_week,
            'driver' as component_type,
            '{{ driver }}' as component,
            'driver' as effect,
            vpac_log_mean * ln(
                case when vpac_log_mean is not null then current_{{ driver }} / previous_{{ driver }} end
            ) as contribution,
            previous_{{ driver }} as previous_value,
            current_{{ driver }} as current_value,
            cast(null as double) as previous_share_of_customers,
            cast(null as double) as current_share_of_customers,
            {{ sort_order }} as sort_order
        from driver_weights
    {% endfor %}
),

-- Midpoint shift-share over segments: w = the segment's share of active customers, v =
-- its VPAC. A segment empty in one week takes the other week's v there (so its rate
-- effect is 0); empty in both, it adds 0 and 0. Undefined when a week has no customers.
segment_pairs as (
    select
        week_pairs.week_start,
        week_pairs.previous_week_start,
        week_pairs.is_latest_complete_week,
        current_segment.segment_name,
        current_segment.sort_order,
        previous_segment.share_of_customers as previous_share,
        current_segment.share_of_customers as current_share,
        previous_segment.vpac as previous_segment_vpac,
        current_segment.vpac as current_segment_vpac,
        coalesce(previous_segment.vpac, current_segment.vpac, 0) as previous_v,
        coalesce(current_segment.vpac, previous_segment.vpac, 0) as current_v
    from week_pairs
    inner join {{ ref('kpi_segments') }} as current_segment
        on week_pairs.week_start = current_segment.period_start
            and current_segment.grain = '{{ kpi_review_grain() }}'
    inner join {{ ref('kpi_segments') }} as previous_segment
        on week_pairs.previous_week_start = previous_segment.period_start
            and previous_segment.grain = '{{ kpi_review_grain() }}'
            and current_segment.segment_name = previous_segment.segment_name
),

segment_splits as (
    {% for effect, sort_offset in [('mix', 10), ('rate', 11)] %}
        {% if not loop.first %}union all{% endif %}
        select
            week_start,
            previous_week_start,
            is_latest_complete_week,
            'segment' as component_type,
            segment_name as component,
            '{{ effect }}' as effect,
            {% if effect == 'mix' %}
                (current_share - previous_share) * (previous_v + current_v) / 2
            {% else %}
                (previous_share + current_share) / 2 * (current_v - previous_v)
            {% endif %} as contribution,
            previous_segment_vpac as previous_value,
            current_segment_vpac as current_value,
            previous_share as previous_share_of_customers,
            current_share as current_share_of_customers,
            {{ sort_offset }} + 2 * sort_order as sort_order
        from segment_pairs
    {% endfor %}
)

select * from driver_splits
union all
select * from segment_splits
