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
