-- The driver tree holds in every row of the metric spine (every grain, period and
-- segment): VPAC = orders per customer x items per order, items per order = reordered +
-- new items per order, and items = reordered + new items (the numerators). Rounding only,
-- relative 1e-9; a row whose ratios are undefined (no customers) has nothing to check.
with tree as (
    select
        grain,
        period_start,
        segment,
        max(case when metric_id = 'vpac' then value end) as vpac,
        max(case when metric_id = 'orders_per_customer' then value end) as orders_per_customer,
        max(case when metric_id = 'items_per_order' then value end) as items_per_order,
        max(case when metric_id = 'reordered_items_per_order' then value end) as reordered_items_per_order,
        max(case when metric_id = 'new_items_per_order' then value end) as new_items_per_order,
        max(case when metric_id = 'items' then value end) as items,
        max(case when metric_id = 'reordered_items_per_order' then numerator end) as reordered_items,
        max(case when metric_id = 'new_items_per_order' then numerator end) as new_items
    from {{ ref('kpi_metric_values') }}
    group by grain, period_start, segment
)

select *
from tree
where items is distinct from reordered_items + new_items
    or (vpac is not null and not {{ within_rounding('vpac', 'orders_per_customer * items_per_order') }})
    or (
        items_per_order is not null
        and not {{ within_rounding('items_per_order', 'reordered_items_per_order + new_items_per_order') }}
    )
