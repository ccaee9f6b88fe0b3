-- Warns when a file has more of its rows set aside than var rejected_share_warn.
{{ config(severity='warn') }}

select source_file, raw_rows, rejected_rows, rejected_share
from {{ ref('fct_data_quality') }}
where status in ('warn', 'error')
