-- One row per complete week, metric and first check of seed metric_first_checks: the check's
-- question, the mart that answers it, and the answer for that week in one line, read from
-- that mart's rows of the week, so the playbook and the dashboard show each metric's first
-- checks already run for the week under review (nothing to compile by hand).
{% set top = [1, 2, 3] %}

with weeks as (
    select distinct week_start
    from {{ ref('kpi_weekly_scorecard') }}
),

what_moved as (
    select
        week_start,
        'kpi_what_moved' as source,
        cast(null as string) as split_metric,
        'drivers: ' || concat_ws(
            ', ',
            {% for rank in top[:2] %}
                max(case when split = 'driver' and rank_in_split = {{ rank }}
                        then replace(component, '_', ' ') || ' ' || printf('%+.2f', contribution)
                end)
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) || '; segments: ' || concat_ws(
            ', ',
            {% for rank in top %}
                max(case when split = 'segment' and rank_in_split = {{ rank }}
                        then replace(component, '_', '-') || ' ' || effect || ' ' || printf('%+.2f', contribution)
                end)
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) || ' (VPAC ' || printf('%+.2f', any_value(vpac_change)) || ')' as result
    from {{ ref('kpi_what_moved') }}
    group by week_start
),

segment_changes as (
    select
        this_week.period_start as week_start,
        this_week.segment_name,
        this_week.vpac,
        last_week.vpac as last_week_vpac,
        row_number() over (
            partition by this_week.period_start
            order by abs(this_week.vpac / nullif(last_week.vpac, 0) - 1) desc, this_week.segment_name
        ) as move_rank
    from {{ ref('kpi_segments') }} as this_week
    inner join {{ ref('kpi_segments') }} as last_week
        on this_week.grain = last_week.grain
            and this_week.segment_name = last_week.segment_name
            and last_week.period_start = this_week.period_start - 7
    where this_week.grain = 'week'
        and this_week.customers > 0
        and last_week.customers > 0
),

segments as (
    select
        week_start,
        'kpi_segments' as source,
        cast(null as string) as split_metric,
        'VPAC moved most in: ' || concat_ws(
            ', ',
            {% for rank in top %}
                max(case when move_rank = {{ rank }} then replace(segment_name, '_', '-') || ' '
                        || printf('%.2f', last_week_vpac) || ' → ' || printf('%.2f', vpac)
                        || ' (' || printf('%+.1f%%', (vpac / last_week_vpac - 1) * 100) || ')'
                end)
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) as result
    from segment_changes
    group by week_start
),

concentration as (
    select * from {{ ref('kpi_move_concentration') }}
),

department_ranks as (
    select
        *,
        row_number() over (
            partition by week_start, metric_id order by abs(contribution) desc, component_name
        ) as move_rank
    from {{ ref('kpi_department_splits') }}
    where split_by = 'department'
),

departments as (
    select
        department_ranks.week_start,
        'kpi_department_splits' as source,
        department_ranks.metric_id as split_metric,
        replace(department_ranks.metric_id, '_', ' ') || ' '
        || printf('%+.2f', any_value(department_ranks.metric_change)) || ', '
        || any_value(concentration.verdict) || ': ' || concat_ws(
            ', ',
            {% for rank in top %}
                max(case when department_ranks.move_rank = {{ rank }}
                        then department_ranks.component_name || ' ' || printf('%+.2f', department_ranks.contribution)
                            || ' (' || printf('%.0f%%', department_ranks.share_of_change * 100) || ' of the change, '
                            || printf('%.0f%%', department_ranks.previous_share_of_items * 100)
                            || ' of the items; reorder rate '
                            || printf('%.0f%%', department_ranks.previous_reorder_rate * 100) || ' → '
                            || printf('%.0f%%', department_ranks.current_reorder_rate * 100) || ')'
                end)
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) as result
    from department_ranks
    inner join concentration
        on department_ranks.week_start = concentration.week_start
            and department_ranks.metric_id = concentration.metric_id
    group by department_ranks.week_start, department_ranks.metric_id
),

cells as (
    select
        week_start,
        'kpi_cell_splits' as source,
        cast(null as string) as split_metric,
        'largest cells: ' || concat_ws(
            ', ',
            {% for rank in top %}
                max(case when rank_in_week = {{ rank }}
                        then replace(segment_name, '_', '-') || ' x ' || department_name || ' '
                            || printf('%+.2f', contribution)
                end)
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) || ' (VPAC ' || printf('%+.2f', any_value(vpac_change)) || ')' as result
    from {{ ref('kpi_cell_splits') }}
    group by week_start
),

weekly_small_shares as (
    select
        week_start,
        sum(case when is_small_basket then share_of_orders end) as small_share,
        coalesce(sum(case when items_in_order = 1 then share_of_orders end), 0) as one_item_share
    from {{ ref('kpi_weekly_basket_sizes') }}
    group by week_start
),

basket_sizes as (
    select
        this_week.week_start,
        'kpi_weekly_basket_sizes' as source,
        cast(null as string) as split_metric,
        'small baskets ' || printf('%.1f%%', this_week.small_share * 100)
        || ' of orders (last week ' || printf('%.1f%%', last_week.small_share * 100) || '); one-item orders '
        || printf('%.1f%%', this_week.one_item_share * 100) as result
    from weekly_small_shares as this_week
    inner join weekly_small_shares as last_week
        on this_week.week_start - 7 = last_week.week_start
),

comparisons as (
    select
        period_start as week_start,
        'kpi_metric_comparisons' as source,
        cast(null as string) as split_metric,
        concat_ws(
            '; ',
            {% for metric_id, unit in [('reorder_rate', 'share'), ('items_per_order', 'items per order'),
                ('orders_per_customer', 'orders per customer'), ('observed_orders', 'orders'), ('items', 'items')] %}
                max(case when metric_id = '{{ metric_id }}'
                        then '{{ metric_id | replace("_", " ") }} '
                            || {{ kpi_format_value('previous_value', "'" ~ unit ~ "'") }}
                            || ' → ' || {{ kpi_format_value('value', "'" ~ unit ~ "'") }}
                end)
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) as result
    from {{ ref('kpi_metric_comparisons') }}
    where grain = 'week' and segment = 'all'
    group by period_start
),

gaps as (
    select
        this_week.period_start as week_start,
        'kpi_metric_values' as source,
        cast(null as string) as split_metric,
        'median days between orders: ' || concat_ws(
            ', ',
            {% for segment in ['all', 'one_time', 'occasional', 'regular', 'power'] %}
                max(case when this_week.segment = '{{ segment }}'
                        then '{{ segment | replace("_", "-") }} ' || {{ kpi_format_value('last_week.value', "'days'") }}
                            || ' → ' || {{ kpi_format_value('this_week.value', "'days'") }}
                end)
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        ) as result
    from {{ ref('kpi_metric_values') }} as this_week
    inner join {{ ref('kpi_metric_values') }} as last_week
        on this_week.grain = last_week.grain
            and this_week.segment = last_week.segment
            and this_week.metric_id = last_week.metric_id
            and last_week.period_start = this_week.period_start - 7
    where this_week.grain = 'week' and this_week.metric_id = 'median_days_between_orders'
    group by this_week.period_start
),

data_quality as (
    select
        weeks.week_start,
        'fct_data_quality' as source,
        cast(null as string) as split_metric,
        cast(sum(quality.rejected_rows) as string) || ' rows set aside, '
        || cast(coalesce(sum(quality.orders_without_lines), 0) as string) || ' orders without lines; files '
        || case when bool_and(quality.status = 'ok') then 'all ok' else 'not all ok: see the data-quality table' end
            as result
    from weeks
    cross join {{ ref('fct_data_quality') }} as quality
    group by weeks.week_start
),

answers as (
    select * from what_moved
    union all
    select * from segments
    union all
    select * from departments
    union all
    select * from cells
    union all
    select * from basket_sizes
    union all
    select * from comparisons
    union all
    select * from gaps
    union all
    select * from data_quality
)

select
    weeks.week_start,
    checks.metric_id,
    checks.check_order,
    checks.question,
    checks.source,
    answers.result
from weeks
cross join {{ ref('metric_first_checks') }} as checks
left join answers
    on weeks.week_start = answers.week_start
        and checks.source = answers.source
        -- A department split answers for VPAC and the volumes with VPAC's split, else items per order's.
        and (
            answers.split_metric is null
            or answers.split_metric = case
                when checks.metric_id in ('vpac', 'active_customers', 'observed_orders', 'items') then 'vpac'
                else 'items_per_order'
            end
        )
