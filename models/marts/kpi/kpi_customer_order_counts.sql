-- One row per number of observed orders a customer has (through as_of): the active
-- customers with that many, their share, and the segment band the count falls in. The
-- review draws it with the bands marked.
select
    observed_orders,
    segment_name,
    cast(min(segment_sort_order) as integer) as segment_sort_order,
    count(*) as customers,
    count(*) / sum(count(*)) over () as share_of_customers
from {{ ref('dim_customers') }}
where is_active
group by observed_orders, segment_name
