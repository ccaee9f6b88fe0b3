-- Fails the build when a file is past var rejected_share_error (rows set aside, or orders
-- without lines) or has a line unaccounted for; the on-run-end report says which and why.
select
    source_file,
    raw_rows,
    rejected_rows,
    rejected_share
from {{ ref('fct_data_quality') }}
where status = 'error'
