{#-
    The order measures the KPIs are ratios of, as (name, expression) pairs: each expression
    counts the measure on one observed order, from the columns of int_orders__lines_summed
    (line_count, reordered_line_count, is_small_basket). The rollups sum every pair per
    customer-day, customer-period and segment, and the metric spine turns each into a
    measure row; a metric names its numerator and denominator in seed metric_definitions.
    A new order measure is one pair here.
-#}
{% macro kpi_order_measures() -%}
    {{ return([
        ('observed_orders', '1'),
        ('items', 'line_count'),
        ('reordered_items', 'reordered_line_count'),
        ('new_items', 'line_count - reordered_line_count'),
        ('small_basket_orders', 'case when is_small_basket then 1 else 0 end'),
    ]) }}
{%- endmacro %}
