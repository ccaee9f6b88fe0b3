-- One row per complete ISO week and metric (VPAC, items per order): whether the week's move
-- is concentrated or broad over departments, by a stated rule. Departments are taken in order
-- of their part of the move (those moving with it first, largest first, then by name, so two
-- builds of the same data agree); the move is concentrated in the fewest of them, at most
-- var kpi_concentration_max_departments, that together carry at least
-- var kpi_concentration_min_share_of_change of the change and at least
-- var kpi_concentration_min_lift times their share of last week's items. Otherwise it is
-- broad: the departments moved alike, so the cause is likely outside any one category
-- (checkout, the app, supply, the data).
{% set max_departments = var('kpi_concentration_max_departments') %}

with departments as (
    select * from {{ ref('kpi_department_splits') }}
    where split_by = 'department'
),

ranked as (
    select
        *,
        row_number() over (
            partition by week_start, metric_id
            order by
                case when sign(contribution) = sign(metric_change) then 0 else 1 end,
                abs(contribution) desc,
                component_name
        ) as move_rank
    from departments
),

leaders as (
    select
        *,
        sum(share_of_change) over (
            partition by week_start, metric_id order by move_rank rows between unbounded preceding and current row
        ) as leaders_share_of_change,
        sum(previous_share_of_items) over (
            partition by week_start, metric_id order by move_rank rows between unbounded preceding and current row
        ) as leaders_share_of_items
    from ranked
    where move_rank <= {{ max_departments }}
),

-- The fewest leading departments that meet the rule; none when no set of at most the
-- maximum does.
enough as (
    select
        week_start,
        metric_id,
        min(move_rank) as departments_needed
    from leaders
    where leaders_share_of_change >= {{ var('kpi_concentration_min_share_of_change') }}
        and leaders_share_of_change >= {{ var('kpi_concentration_min_lift') }} * leaders_share_of_items
    group by week_start, metric_id
),

weeks as (
    select
        week_start,
        metric_id,
        any_value(metric_change) as metric_change,
        count(*) as departments
    from departments
    group by week_start, metric_id
)

select
    weeks.week_start,
    weeks.metric_id,
    weeks.metric_change,
    cast(weeks.departments as integer) as departments,
    case when enough.departments_needed is not null then 'concentrated' else 'broad' end as verdict,
    cast(coalesce(enough.departments_needed, 0) as integer) as concentrated_departments,
    nullif(concat_ws(
        ', ',
        {% for rank in range(1, max_departments + 1) %}
            max(case when leaders.move_rank = {{ rank }} and {{ rank }} <= enough.departments_needed
                    then leaders.component_name
            end){% if not loop.last %},{% endif %}
        {% endfor %}
    ), '') as concentrated_in,
    max(case when leaders.move_rank = coalesce(enough.departments_needed, 1) then leaders.leaders_share_of_change end)
        as leaders_share_of_change,
    max(case when leaders.move_rank = coalesce(enough.departments_needed, 1) then leaders.leaders_share_of_items end)
        as leaders_share_of_items,
    max(case when leaders.move_rank = 1 then leaders.component_name end) as largest_department
from weeks
left join enough
    on weeks.week_start = enough.week_start
        and weeks.metric_id = enough.metric_id
left join leaders
    on weeks.week_start = leaders.week_start
        and weeks.metric_id = leaders.metric_id
group by
    weeks.week_start,
    weeks.metric_id,
    weeks.metric_change,
    weeks.departments,
    enough.departments_needed
