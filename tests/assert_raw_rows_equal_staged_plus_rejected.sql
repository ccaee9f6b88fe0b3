-- Every raw row ends up staged or set aside, never both, never lost: per file,
-- raw rows = staged rows + rejected rows. The smaller files are counted again straight
-- from the CSVs (orders.csv by its lines, as its typed read leaves out the lines it
-- cannot parse); the two order-lines files are read once per build (in
-- base_instacart__order_lines), and pytest checks those against the files' line counts.
with raw_counts as (
    select 'orders.csv' as source_file, {{ instacart_file_data_lines('orders.csv') }} as raw_rows
    union all
    select 'products.csv', count(*) from {{ source('instacart', 'products') }}
    union all
    select 'aisles.csv', count(*) from {{ source('instacart', 'aisles') }}
    union all
    select 'departments.csv', count(*) from {{ source('instacart', 'departments') }}
)

select
    quality.source_file,
    quality.raw_rows,
    raw_counts.raw_rows as rows_in_file,
    quality.staged_rows,
    quality.rejected_rows,
from {{ ref('fct_data_quality') }} as quality
left join raw_counts
    on quality.source_file = raw_counts.source_file
where quality.raw_rows <> quality.staged_rows + quality.rejected_rows
    or quality.raw_rows <> coalesce(raw_counts.raw_rows, quality.raw_rows)
