-- Warns when a file is past var rejected_share_warn (rows set aside, or orders without lines).
{{ config(severity='warn') }}

select
    source_file,
    raw_rows,
    rejected_rows,
    rejected_share
from {{ ref('fct_data_quality') }}
where status in ('warn', 'error')
