{% macro safe_divide(numerator, denominator) -%}
    {#- A ratio of sums as a double; null (not an error, not zero) when the denominator is 0. -#}
    cast({{ numerator }} as double) / nullif(cast({{ denominator }} as double), 0)
{%- endmacro %}
