{#-
    A value as the review writes it, for the rule and range texts the marts hold: a share as
    a percentage with one decimal (0.55 -> 55.0%), a count whole with thousands separators,
    days with one decimal, other values with two decimals below 100 and one from 100 up.
    Values are rounded as decimals (half up), not by printf: the engines' doubles can differ
    in the last bit, and C's and Java's printf round a half differently (33.165 is 33.16 in
    one and 33.17 in the other).
-#}
{% macro kpi_format_value(value, unit) -%}
    case
        when {{ value }} is null then 'n/a'
        when {{ unit }} = 'share' then {{ kpi_fixed_decimals('(' ~ value ~ ') * 100', 1) }} || '%'
        when {{ unit }} in ('customers', 'orders', 'items')
            then {% if target.type == 'spark' %}format_number({{ value }}, 0){% else %}format('{:,.0f}', {{ value }}){% endif %}
        when {{ unit }} like 'day%' then {{ kpi_fixed_decimals(value, 1) }}
        when abs({{ value }}) >= 100 then {{ kpi_fixed_decimals(value, 1) }}
        else {{ kpi_fixed_decimals(value, 2) }}
    end
{%- endmacro %}
