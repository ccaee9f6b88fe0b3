-- One row per raw file present (annotations.csv, optional, has none when absent): its lines
-- (counted byte by byte), the rows staged and set aside, the lines that continue a row (a
-- quoted field holding line ends), any line unaccounted for, the orders its lines should
-- cover but do not, and whether the file is past the warn or error threshold (vars
-- rejected_share_warn / _error).
-- Staged order lines are counted from their per-order rollup, which sums every staged line.
with files as (
    select * from {{ ref('base_instacart__raw_files') }}
),

staged_counts as (
    select
        'orders' as file_key,
        count(*) as staged_rows
    from {{ ref('stg_instacart__orders') }}
    union all
    select
        case eval_set when 'prior' then 'order_products__prior' else 'order_products__train' end as file_key,
        sum(line_count) as staged_rows
    from {{ ref('int_orders__lines_summed') }}
    group by eval_set
    union all
    select
        'products' as file_key,
        count(*) as staged_rows
    from {{ ref('int_products__matched') }}
    where rejection_reason is null
    union all
    select
        'aisles' as file_key,
        count(*) as staged_rows
    from {{ ref('stg_instacart__aisles') }}
    union all
    select
        'departments' as file_key,
        count(*) as staged_rows
    from {{ ref('stg_instacart__departments') }}
    union all
    select
        'annotations' as file_key,
        count(*) as staged_rows
    from {{ ref('int_annotations__matched') }}
    where rejection_reason is null
),

-- The lines after a row's first, in the files whose rows may run over several lines: each
-- row is in its base model once, staged or set aside (an unreadable line is one line).
continued_counts as (
    select
        'products' as file_key,
        sum(coalesce(source_lines, 1) - 1) as continuation_lines
    from {{ ref('base_instacart__products') }}
    union all
    select
        'aisles' as file_key,
        sum(coalesce(source_lines, 1) - 1) as continuation_lines
    from {{ ref('base_instacart__aisles') }}
    union all
    select
        'departments' as file_key,
        sum(coalesce(source_lines, 1) - 1) as continuation_lines
    from {{ ref('base_instacart__departments') }}
    union all
    select
        'annotations' as file_key,
        sum(coalesce(source_lines, 1) - 1) as continuation_lines
    from {{ ref('base_instacart__annotations') }}
),

rejected_counts as (
    select
        source_file,
        count(*) as rejected_rows
    from {{ ref('fct_rejected_rows') }}
    group by source_file
),

-- Prior and train orders whose file holds none of their lines: a file cut short or a
-- lost export shows here even when every line that is there is fine.
order_coverage as (
    select
        case eval_set when 'prior' then 'order_products__prior' else 'order_products__train' end as file_key,
        count(*) as orders_expecting_lines,
        count(*) filter (where not is_observed) as orders_without_lines
    from {{ ref('fct_orders') }}
    where has_observed_basket
    group by eval_set
),

counted as (
    select
        files.source_file,
        files.file_key,
        file_list.sort_order,
        files.data_lines,
        files.blank_lines,
        files.first_blank_line,
        files.data_lines - files.blank_lines as raw_rows,
        coalesce(staged_counts.staged_rows, 0) as staged_rows,
        coalesce(rejected_counts.rejected_rows, 0) as rejected_rows,
        coalesce(continued_counts.continuation_lines, 0) as continuation_lines,
        order_coverage.orders_expecting_lines,
        order_coverage.orders_without_lines
    from files
    inner join {{ ref('instacart_files') }} as file_list
        on files.file_key = file_list.file_key
    left join staged_counts
        on files.file_key = staged_counts.file_key
    left join rejected_counts
        on files.source_file = rejected_counts.source_file
    left join continued_counts
        on files.file_key = continued_counts.file_key
    left join order_coverage
        on files.file_key = order_coverage.file_key
),

shares as (
    select
        *,
        raw_rows - staged_rows - rejected_rows - continuation_lines as unaccounted_lines,
        {{ safe_divide('rejected_rows', 'raw_rows - continuation_lines') }} as rejected_share,
        {{ safe_divide('orders_without_lines', 'orders_expecting_lines') }} as orders_without_lines_share
    from counted
)

select
    source_file,
    cast(sort_order as integer) as sort_order,
    cast(data_lines as bigint) as data_lines,
    cast(blank_lines as bigint) as blank_lines,
    cast(first_blank_line as bigint) as first_blank_line,
    cast(raw_rows as bigint) as raw_rows,
    cast(staged_rows as bigint) as staged_rows,
    cast(rejected_rows as bigint) as rejected_rows,
    cast(continuation_lines as bigint) as continuation_lines,
    cast(unaccounted_lines as bigint) as unaccounted_lines,
    rejected_share,
    cast(orders_expecting_lines as bigint) as orders_expecting_lines,
    cast(orders_without_lines as bigint) as orders_without_lines,
    orders_without_lines_share,
    case
        when unaccounted_lines <> 0 then 'error'
        when
            greatest(rejected_share, coalesce(orders_without_lines_share, 0)) > {{ var('rejected_share_error') }}
            then 'error'
        when
            greatest(rejected_share, coalesce(orders_without_lines_share, 0)) > {{ var('rejected_share_warn') }}
            then 'warn'
        else 'ok'
    end as status
from shares
