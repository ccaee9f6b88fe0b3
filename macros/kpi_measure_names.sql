{#-
    Every measure of int_period_segments__measured, the names a metric's numerator and
    denominator may take in seed metric_definitions: the customer counts, the order measures
    of macro kpi_order_measures, and the median gap.
-#}
{% macro kpi_measure_names() -%}
    {{ return(['active_customers', 'one_time_customers', 'median_days_between_orders']
        + kpi_order_measures() | map(attribute=0) | list) }}
{%- endmacro %}
