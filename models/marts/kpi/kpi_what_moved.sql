-- One row per complete week and effect worth a sentence in the review: VPAC's change
-- (kpi_metric_comparisons) split over drivers and over segments (kpi_wow_attribution), each split's effects
-- largest first, the small ones (under var what_moved_material_share of the split's total
-- movement) grouped into one "other" row when there are two or more of them. The flags say
-- which words the numbers support: an effect that "explains most of it" (below); a
-- segment's rate effect names the driver that moved the segment's own VPAC most.
-- "Explains most of it" needs the change's sign and at least half of the split's gross
-- movement, so an effect that a larger offsetting one cancels is never said to explain it.
with effects as (
    select * from {{ ref('kpi_wow_attribution') }}
),

vpac_changes as (
    select
        week_start,
        wow_change as vpac_change,
        wow_relative_change as vpac_relative_change,
        last_week_value as previous_vpac,
        this_week_value as current_vpac,
        signal_text as vpac_signal_text
    from {{ ref('kpi_weekly_scorecard') }}
    where metric_id = 'vpac'
),

-- The split is worth reading when VPAC or one of its drivers moved beyond noise.
signals as (
    select
        week_start,
        coalesce(bool_or(is_signal), false) as is_worth_splitting
    from {{ ref('kpi_weekly_scorecard') }}
    where metric_id in ('vpac', 'orders_per_customer', 'items_per_order')
    group by week_start
),

-- A segment's own VPAC = its orders per customer x its items per order: the one whose
-- log change is larger moved it more (LMDI shares are proportional to the log changes).
segment_drivers as (
    select
        current_segment.period_start as week_start,
        current_segment.segment_name,
        case
            when abs(ln(current_segment.items_per_order / previous_segment.items_per_order))
                >= abs(ln(current_segment.orders_per_customer / previous_segment.orders_per_customer))
                then 'items_per_order'
            else 'orders_per_customer'
        end as main_driver
    from {{ ref('kpi_segments') }} as current_segment
    inner join {{ ref('kpi_segments') }} as previous_segment
        on current_segment.grain = previous_segment.grain
            and previous_segment.period_start = current_segment.period_start - 7
            and current_segment.segment_name = previous_segment.segment_name
    where current_segment.grain = '{{ kpi_review_grain() }}'
        and current_segment.customers > 0
        and previous_segment.customers > 0
),

ranked as (
    select
        effects.week_start,
        effects.previous_week_start,
        effects.is_latest_complete_week,
        effects.component_type as split,
        effects.component,
        effects.effect,
        effects.contribution,
        effects.previous_value,
        effects.current_value,
        vpac_changes.vpac_change,
        vpac_changes.vpac_relative_change,
        vpac_changes.vpac_signal_text,
        signals.is_worth_splitting,
        vpac_changes.previous_vpac,
        vpac_changes.current_vpac,
        {{ safe_divide('effects.contribution', 'vpac_changes.vpac_change') }} as share_of_change,
        sign(effects.contribution) = sign(vpac_changes.vpac_change)
        and abs(effects.contribution) >= 0.5
        * sum(abs(effects.contribution)) over (partition by effects.week_start, effects.component_type)
            as explains_most,
        abs(effects.contribution) >= {{ var('what_moved_material_share') }}
        * sum(abs(effects.contribution)) over (partition by effects.week_start, effects.component_type)
        and effects.contribution <> 0 as is_material,
        case when effects.effect = 'rate' then segment_drivers.main_driver end as main_driver
    from effects
    inner join vpac_changes
        on effects.week_start = vpac_changes.week_start
    inner join signals
        on effects.week_start = signals.week_start
    left join segment_drivers
        on effects.week_start = segment_drivers.week_start
            and effects.component = segment_drivers.segment_name
    where effects.contribution is not null
),

counted as (
    select
        *,
        count(case when not is_material then 1 end) over (partition by week_start, split) as small_effects
    from ranked
),

material as (
    select
        week_start,
        previous_week_start,
        is_latest_complete_week,
        split,
        component,
        effect,
        contribution,
        previous_value,
        current_value,
        vpac_change,
        vpac_relative_change,
        vpac_signal_text,
        is_worth_splitting,
        previous_vpac,
        current_vpac,
        share_of_change,
        explains_most,
        is_material,
        main_driver,
        1 as effects_grouped
    from counted
    where is_material or small_effects = 1
),

grouped as (
    select
        week_start,
        any_value(previous_week_start) as previous_week_start,
        any_value(is_latest_complete_week) as is_latest_complete_week,
        split,
        'other' as component,
        'grouped' as effect,
        sum(contribution) as contribution,
        cast(null as double) as previous_value,
        cast(null as double) as current_value,
        any_value(vpac_change) as vpac_change,
        any_value(vpac_relative_change) as vpac_relative_change,
        any_value(vpac_signal_text) as vpac_signal_text,
        any_value(is_worth_splitting) as is_worth_splitting,
        any_value(previous_vpac) as previous_vpac,
        any_value(current_vpac) as current_vpac,
        {{ safe_divide('sum(contribution)', 'any_value(vpac_change)') }} as share_of_change,
        false as explains_most,
        false as is_material,
        cast(null as string) as main_driver,
        count(*) as effects_grouped
    from counted
    where not is_material and small_effects > 1
    group by week_start, split
)

select
    week_start,
    previous_week_start,
    is_latest_complete_week,
    split,
    component,
    effect,
    contribution,
    previous_value,
    current_value,
    vpac_change,
    vpac_relative_change,
    vpac_signal_text,
    is_worth_splitting,
    previous_vpac,
    current_vpac,
    share_of_change,
    coalesce(explains_most, false) as explains_most,
    is_material,
    main_driver,
    cast(effects_grouped as integer) as effects_grouped,
    -- Largest first within each split; the grouped rest last.
    cast(row_number() over (
        partition by week_start, split order by is_material desc, abs(contribution) desc, component, effect asc
    ) as integer) as rank_in_split
from (
    select * from material
    union all
    select * from grouped
) as effects
