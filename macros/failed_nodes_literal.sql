{#- The names of the nodes a build failed on (the first ten), as a SQL string; null when none. -#}
{% macro failed_nodes_literal(outcome) -%}
    {%- set names = outcome.failed_names -%}
    {%- if names -%}
        '{{ (names[:10] | join(", ") ~ (" and " ~ (names | length - 10) ~ " more" if names | length > 10 else "")) | replace("'", "''") }}'
    {%- else -%}
        cast(null as {{ 'string' if target.type == 'spark' else 'varchar' }})
    {%- endif -%}
{%- endmacro %}
