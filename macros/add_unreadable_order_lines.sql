{#- Post-hook of base_instacart__order_lines: the unreadable lines of both files (see add_unreadable_rows). -#}
{% macro add_unreadable_order_lines(relation) %}
insert into {{ relation }} (is_train_file, value_failure, rejected_line)
select false, rejection_reason, raw_line from ({{ unreadable_lines('order_products__prior') }})
union all
select true, rejection_reason, raw_line from ({{ unreadable_lines('order_products__train') }})
{% endmacro %}
