{#-
    A number as text with a fixed count of decimals, rounded half up as a decimal: the same
    text on DuckDB and Spark, where printf on a double can differ in the last digit.
-#}
{% macro kpi_fixed_decimals(value, decimals) -%}
    cast(cast(round(cast({{ value }} as decimal(38, 10)), {{ decimals }}) as decimal(38, {{ decimals }})) as string)
{%- endmacro %}
