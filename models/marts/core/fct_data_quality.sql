-- One row per source file: rows read, staged and set aside, and whether the share set
-- aside is past the warn or error threshold (vars rejected_share_warn / _error).
-- Staged lines are counted from their per-order rollup, which sums every staged line.
with file_counts as (
    {% set files = [
        ('orders.csv', 'base_instacart__orders', 'stg_instacart__orders', none),
        ('order_products__prior.csv', 'base_instacart__order_lines', none, 'prior'),
        ('order_products__train.csv', 'base_instacart__order_lines', none, 'train'),
        ('products.csv', 'base_instacart__products', 'stg_instacart__products', none),
        ('aisles.csv', 'base_instacart__aisles', 'stg_instacart__aisles', none),
        ('departments.csv', 'base_instacart__departments', 'stg_instacart__departments', none),
    ] %}
    {% for file_name, base_model, staged_model, eval_set in files %}
    select
        '{{ file_name }}' as source_file,
        {{ loop.index }} as sort_order,
        (select count(*) from {{ ref(base_model) }}
            {%- if eval_set %} where is_train_file = {{ eval_set == 'train' }}{% endif %}) as raw_rows,
        {% if eval_set -%}
        (select coalesce(sum(line_count), 0) from {{ ref('int_orders_summarised') }}
            where eval_set = '{{ eval_set }}') as staged_rows,
        {%- else -%}
        (select count(*) from {{ ref(staged_model) }}) as staged_rows,
        {%- endif %}
        (select count(*) from {{ ref('stg_instacart__rejected_rows') }}
            where source_file = '{{ file_name }}') as rejected_rows,
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    source_file,
    sort_order,
    raw_rows,
    staged_rows,
    rejected_rows,
    rejected_rows / nullif(raw_rows, 0) as rejected_share,
    case
        when rejected_rows / nullif(raw_rows, 0) > {{ var('rejected_share_error') }} then 'error'
        when rejected_rows / nullif(raw_rows, 0) > {{ var('rejected_share_warn') }} then 'warn'
        else 'ok'
    end as status,
from file_counts
