-- Every row of departments.csv, cast, with the reason it cannot be staged (null when it can).
-- A line DuckDB's reader cannot parse (too few or too many fields, a broken quote) lands
-- in its temporary rejects table; the post-hook adds it here as a rejected row with its
-- raw text (reason malformed_line), so that every line of the file is a row.
{{ config(
    materialized='table',
    pre_hook="{{ drop_csv_rejects('departments') }}",
    post_hook={"sql": "{{ add_unparsed_rows(this, 'departments') }}", "transaction": false},
) }}

with typed as (
    select
        department_id as department_id_raw,
        department as department_name_raw,
        try_cast(department_id as integer) as department_id,
        nullif(trim(department), '') as department_name,
    from {{ source('instacart', 'departments') }}
)

select
    department_id,
    department_name,
    case
        when department_id is null or department_id <= 0 then 'invalid_department_id'
        when department_name is null then 'missing_department_name'
        when count(*) over (partition by department_id) > 1 then 'duplicate_department_id'
    end as rejection_reason,
    concat_ws(',', coalesce(department_id_raw, ''), coalesce(department_name_raw, '')) as raw_values,
from typed
