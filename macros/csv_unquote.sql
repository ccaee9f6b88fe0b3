{#- One CSV field's value: a quoted field loses its outer quotes and "" becomes ". -#}
{% macro csv_unquote(field) -%}
    case when {{ field }} like '"%' then replace(substring({{ field }}, 2, length({{ field }}) - 2), '""', '"') else {{ field }} end
{%- endmacro %}

{#-
    A line of the files whose values are numbers, dates and codes (orders, order lines) as
    CSV means it when some tool quoted its fields ("10","1","prior",...): no such value holds
    a comma or a quote, so when every field is plain or quoted around neither, the quotes
    come off; any other line is left as it is, and its checks set it aside.
-#}
{% macro csv_unquoted_line(line) -%}
    case
        when {{ line }} like '%"%' and {{ full_match(line, "'(\"[^\",]*\"|[^\",]*)(,(\"[^\",]*\"|[^\",]*))*'") }}
            then replace({{ line }}, '"', '')
        else {{ line }}
    end
{%- endmacro %}

{#- A text value as a CSV field: quoted (its quotes doubled) when it holds a comma, a quote or a line end. -#}
{% macro csv_quoted(value) -%}
    case
        when {{ value }} like '%,%' or {{ value }} like '%"%'
            or {{ value }} like ('%' || chr(10) || '%') or {{ value }} like ('%' || chr(13) || '%')
            then '"' || replace({{ value }}, '"', '""') || '"'
        else {{ value }}
    end
{%- endmacro %}
