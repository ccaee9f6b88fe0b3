-- Fails the build when a file has more of its rows set aside than var rejected_share_error.
select source_file, raw_rows, rejected_rows, rejected_share
from {{ ref('fct_data_quality') }}
where status = 'error'
