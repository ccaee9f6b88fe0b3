{#- Spark: the lines of one raw file that are not valid UTF-8, shown with replacement characters. -#}
{% macro spark_invalid_utf8_lines(file_key) %}
select
    'invalid_utf8' as rejection_reason,
    make_valid_utf8(value) as raw_line
from {{ instacart_text_source(file_key) }}
where not is_valid_utf8(value)
{% endmacro %}
