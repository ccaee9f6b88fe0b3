{#-
    The grain the weekly review reads: the ISO week when var kpi_window_days is 7 (the week
    itself), else each week's trailing window of that many days (grain trailing_window).
-#}
{% macro kpi_review_grain() -%}
    {{ return('week' if var('kpi_window_days') == 7 else 'trailing_window') }}
{%- endmacro %}
