{#
    The KPI ratios of one set of counts, as select-list columns: the one definition every
    KPI mart uses (totals, segments, weeks), so that they cannot drift apart. Ratios of
    sums, never averages of ratios (DESIGN.md "Metric definitions"); null when the
    denominator is 0. Pass each count as a column or expression; the list ends without a
    comma, so the caller adds one when more columns follow.
#}
{% macro kpi_ratios(customers, orders, items, reordered_items, small_basket_orders) -%}
    {{ safe_divide(orders, customers) }} as orders_per_customer,
    {{ safe_divide(items, orders) }} as items_per_order,
    {{ safe_divide(items, customers) }} as vpac,
    {{ safe_divide(reordered_items, orders) }} as reordered_items_per_order,
    {{ safe_divide('(' ~ items ~ ') - (' ~ reordered_items ~ ')', orders) }} as new_items_per_order,
    {{ safe_divide(reordered_items, items) }} as reorder_rate,
    {{ safe_divide(small_basket_orders, orders) }} as small_basket_share
{%- endmacro %}
