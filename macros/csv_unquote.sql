{#- One CSV field's value: a quoted field loses its outer quotes and "" becomes ". -#}
{% macro csv_unquote(field) -%}
    case when starts_with({{ field }}, '"') then replace({{ field }}[2:-2], '""', '"') else {{ field }} end
{%- endmacro %}
