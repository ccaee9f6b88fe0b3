{#- A text value as a CSV field: quoted (its quotes doubled) when it holds a comma, a quote or a line end. -#}
{% macro csv_quoted(value) -%}
    case
        when {{ value }} like '%,%' or {{ value }} like '%"%'
            or {{ value }} like ('%' || chr(10) || '%') or {{ value }} like ('%' || chr(13) || '%')
            then '"' || replace({{ value }}, '"', '""') || '"'
        else {{ value }}
    end
{%- endmacro %}
