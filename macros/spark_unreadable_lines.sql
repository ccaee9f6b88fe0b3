{#- Spark: the lines of one raw file too long to read or not valid UTF-8 (shown with replacement characters). -#}
{% macro spark_unreadable_lines(file_key) %}
    {%- set max_bytes = var('raw_line_max_bytes') | int -%}
select
    case when octet_length(value) > {{ max_bytes }} then 'line_too_long' else 'invalid_utf8' end as rejection_reason,
    case
        when octet_length(value) > {{ max_bytes }}
            then concat(left(make_valid_utf8(value), 200), '... (', octet_length(value), ' bytes)')
        else make_valid_utf8(value)
    end as raw_line
from {{ instacart_text_source(file_key) }}
where not is_valid_utf8(value) or octet_length(value) > {{ max_bytes }}
{% endmacro %}
