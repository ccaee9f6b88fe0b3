-- One row per source file and rejection reason: how many raw rows were set aside and why.
select
    source_file,
    rejection_reason,
    count(*) as rejected_rows
from {{ ref('fct_rejected_rows') }}
group by source_file, rejection_reason
