{#- Post-hook of base_instacart__order_lines: the unreadable lines of both files (see add_unreadable_rows). -#}
{% macro add_unreadable_order_lines(relation) %}
    {%- set unreadable = unreadable_lines if target.type != 'spark' else spark_unreadable_lines -%}
insert into {{ relation }} (is_train_file, value_failure, rejected_line)
select false, rejection_reason, raw_line from ({{ unreadable('order_products__prior') }}) as prior_lines
union all
select true, rejection_reason, raw_line from ({{ unreadable('order_products__train') }}) as train_lines
{% endmacro %}
