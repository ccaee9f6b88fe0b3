{#-
    True when orders.csv carries order_date (its header has the eighth column), as
    base_instacart__raw_files found it; false before that table exists.
-#}
{% macro instacart_orders_are_dated() %}
    {%- if not execute %}{{ return(false) }}{% endif -%}
    {%- set files = adapter.get_relation(database=target.database, schema=target.schema, identifier='base_instacart__raw_files') -%}
    {%- if files is none %}{{ return(false) }}{% endif -%}
    {%- set found = run_query("select bool_or(has_order_date) from " ~ files ~ " where file_key = 'orders'") -%}
    {{ return(found.rows[0][0] == true) }}
{% endmacro %}
