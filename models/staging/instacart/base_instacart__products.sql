-- Every row of products.csv, cast and checked against the staged aisles and
-- departments, with the reason it cannot be staged (null when it can).
-- A line DuckDB's reader cannot parse (too few or too many fields, a broken quote) lands
-- in its temporary rejects table; the post-hook adds it here as a rejected row with its
-- raw text (reason malformed_line), so that every line of the file is a row.
{{ config(
    materialized='table',
    pre_hook="{{ drop_csv_rejects('products') }}",
    post_hook={"sql": "{{ add_unparsed_rows(this, 'products') }}", "transaction": false},
) }}

with typed as (
    select
        product_id as product_id_raw,
        product_name as product_name_raw,
        aisle_id as aisle_id_raw,
        department_id as department_id_raw,
        try_cast(product_id as bigint) as product_id,
        nullif(trim(product_name), '') as product_name,
        try_cast(aisle_id as integer) as aisle_id,
        try_cast(department_id as integer) as department_id,
    from {{ source('instacart', 'products') }}
)

select
    typed.product_id,
    typed.product_name,
    typed.aisle_id,
    typed.department_id,
    case
        when typed.product_id is null or typed.product_id <= 0 then 'invalid_product_id'
        when typed.product_name is null then 'missing_product_name'
        when aisles.aisle_id is null then 'unknown_aisle'
        when departments.department_id is null then 'unknown_department'
        when count(*) over (partition by typed.product_id) > 1 then 'duplicate_product_id'
    end as rejection_reason,
    concat_ws(',',
        coalesce(product_id_raw, ''), coalesce(product_name_raw, ''),
        coalesce(aisle_id_raw, ''), coalesce(department_id_raw, '')
    ) as raw_values,
from typed
left join {{ ref('stg_instacart__aisles') }} as aisles
    on typed.aisle_id = aisles.aisle_id
left join {{ ref('stg_instacart__departments') }} as departments
    on typed.department_id = departments.department_id
