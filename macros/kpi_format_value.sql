{#-
    A value as the review writes it, for the rule and range texts the marts hold: a share as
    a percentage with one decimal (0.55 -> 55.0%), days with one decimal, other values with
    two decimals below 100 and one from 100 up. Counts carry no thresholds, so no separator.
-#}
{% macro kpi_format_value(value, unit) -%}
    case
        when {{ value }} is null then 'n/a'
        when {{ unit }} = 'share' then printf('%.1f%%', {{ value }} * 100)
        when {{ unit }} like 'day%' then printf('%.1f', {{ value }})
        when abs({{ value }}) >= 100 then printf('%.1f', {{ value }})
        else printf('%.2f', {{ value }})
    end
{%- endmacro %}
