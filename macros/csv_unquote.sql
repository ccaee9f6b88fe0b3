{#- One CSV field's value: a quoted field loses its outer quotes and "" becomes ". -#}
{% macro csv_unquote(field) -%}
    case when {{ field }} like '"%' then replace(substring({{ field }}, 2, length({{ field }}) - 2), '""', '"') else {{ field }} end
{%- endmacro %}
