-- One row per raw row set aside, with its file, the reason and the raw text: rows whose own
-- values fail (the base_ models) and rows whose order, product, aisle, department or metric
-- cannot be found (the int_*__matched models). A table: finding the set-aside lines takes a scan of
-- the 33.8M lines, done once here.
{{ config(materialized='table') }}
{% set checked_files = [
    ('orders', 'base_instacart__orders', none),
    ('order_products__prior', 'int_order_lines__matched', 'prior'),
    ('order_products__train', 'int_order_lines__matched', 'train'),
    ('products', 'base_instacart__products', none),
    ('products', 'int_products__matched', none),
    ('aisles', 'base_instacart__aisles', none),
    ('departments', 'base_instacart__departments', none),
    ('annotations', 'base_instacart__annotations', none),
    ('annotations', 'int_annotations__matched', none),
] %}

with rejected as (
    {% for file_key, checking_model, eval_set in checked_files %}
        select
            '{{ file_key }}' as file_key,
            rejection_reason,
            raw_values
        from {{ ref(checking_model) }}
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
