-- Rows of the raw files that could not be staged, with the file, the raw text and why.
-- A table: finding the set-aside lines takes a scan of the 33.8M lines, done once here.
{{ config(materialized='table') }}
{% set checked_files = [
    ('orders', 'base_instacart__orders', none),
    ('order_products__prior', 'base_instacart__order_lines_checked', 'prior'),
    ('order_products__train', 'base_instacart__order_lines_checked', 'train'),
    ('products', 'base_instacart__products', none),
    ('aisles', 'base_instacart__aisles', none),
    ('departments', 'base_instacart__departments', none),
] %}

with rejected as (
    {% for file_key, base_model, eval_set in checked_files %}
        select
            '{{ file_key }}' as file_key,
            rejection_reason,
            raw_values
        from {{ ref(base_model) }}
        where rejection_reason is not null
            {%- if eval_set %} and eval_set = '{{ eval_set }}'{% endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    files.source_file,
    rejected.rejection_reason,
    rejected.raw_values
from rejected
inner join {{ ref('base_instacart__raw_files') }} as files
    on rejected.file_key = files.file_key
