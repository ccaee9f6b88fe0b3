select
    annotation_date,
    metric_id,
    kind,
    author,
    text
from {{ ref('base_instacart__annotations') }}
where rejection_reason is null
