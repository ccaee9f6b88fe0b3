-- One row: where the data was read from and whether it was generated (scripts/generate_data.py
-- leaves generation.json beside the files it writes), with how: the review labels generated
-- numbers as such. Not generated: every generation column is null.
select
    data_dir,
    is_generated,
    generation_seed,
    generated_users,
    is_dated,
    generation_end_date,
    is_steady,
    planted_change_week_start,
    generation_problem
from {{ ref('base_instacart__generation') }}
