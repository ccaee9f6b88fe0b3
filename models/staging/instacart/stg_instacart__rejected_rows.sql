-- Rows of the raw files that could not be staged, with the file, the raw values and why.
-- A table: finding the set-aside lines takes a scan of the 33.8M lines, done once here.
{{ config(materialized='table') }}
{% set checked_files = [
    ('orders.csv', 'base_instacart__orders', none),
    ('order_products__prior.csv', 'base_instacart__order_lines_checked', 'prior'),
    ('order_products__train.csv', 'base_instacart__order_lines_checked', 'train'),
    ('products.csv', 'base_instacart__products', none),
    ('aisles.csv', 'base_instacart__aisles', none),
    ('departments.csv', 'base_instacart__departments', none),
] %}

{% for file_name, base_model, eval_set in checked_files %}
select
    '{{ file_name }}' as source_file,
    rejection_reason,
    raw_values,
from {{ ref(base_model) }}
where rejection_reason is not null
    {%- if eval_set %} and eval_set = '{{ eval_set }}'{% endif %}
{% if not loop.last %}union all{% endif %}
{% endfor %}
