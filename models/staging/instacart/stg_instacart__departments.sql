select
    department_id,
    department_name
from {{ ref('base_instacart__departments') }}
where rejection_reason is null
