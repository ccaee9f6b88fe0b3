-- Every record of products.csv (a line, or several when a quoted name holds line ends:
-- macro csv_records), one row each, with the reason its own values cannot be staged (null
-- when they can) and, on rows set aside, the record's text. Names may be quoted, with commas
-- and doubled quotes inside. Whether the aisle and department exist is checked later, in
-- int_products__matched: staging reads no other file.
{{ config(
    pre_hook="{{ drop_csv_rejects('products') }}",
    post_hook={"sql": "{{ add_unreadable_rows(this, 'products') }}", "transaction": target.type == 'spark'},
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'products') }}

{%- set columns = ['product_id', 'product_name', 'aisle_id', 'department_id'] %}

with parsed as (
    select
        records.line,
        records.source_lines,
        {{ csv_fields('records.line', columns) }} as fields
    from {{ csv_records('products', columns) }} as records
),

typed as (
    select
        parsed.line,
        parsed.source_lines,
        parsed.fields is null as is_malformed,
        {{ strict_integer('fields.product_id') }} as product_id,
        nullif(trim(fields.product_name), '') as product_name,
        {{ strict_integer('fields.aisle_id') }} as aisle_id,
        {{ strict_integer('fields.department_id') }} as department_id
    from parsed
),

checked as (
    select
        typed.*,
        case
            when typed.is_malformed then 'malformed_line'
            when typed.product_id is null or typed.product_id <= 0 then 'invalid_product_id'
            when typed.product_name is null then 'missing_product_name'
            when typed.aisle_id is null or typed.aisle_id <= 0 then 'invalid_aisle_id'
            when typed.department_id is null or typed.department_id <= 0 then 'invalid_department_id'
            when count(*) over (partition by typed.product_id) > 1 then 'duplicate_product_id'
        end as rejection_reason
    from typed
)

select
    product_id,
    product_name,
    aisle_id,
    department_id,
    rejection_reason,
    case when rejection_reason is not null then line end as raw_values,
    source_lines
from checked
