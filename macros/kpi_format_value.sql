{#-
    A value as the review writes it, for the rule and range texts the marts hold: a share as
    a percentage with one decimal (0.55 -> 55.0%), a count whole with thousands separators,
    days with one decimal, other values with two decimals below 100 and one from 100 up.
-#}
{% macro kpi_format_value(value, unit) -%}
    case
        when {{ value }} is null then 'n/a'
        when {{ unit }} = 'share' then printf('%.1f%%', {{ value }} * 100)
        when {{ unit }} in ('customers', 'orders', 'items')
            then {% if target.type == 'spark' %}format_number({{ value }}, 0){% else %}format('{:,.0f}', {{ value }}){% endif %}
        when {{ unit }} like 'day%' then printf('%.1f', {{ value }})
        when abs({{ value }}) >= 100 then printf('%.1f', {{ value }})
        else printf('%.2f', {{ value }})
    end
{%- endmacro %}
