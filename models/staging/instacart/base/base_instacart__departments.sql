-- Every line of departments.csv, one row each, with the reason it cannot be staged (null when
-- it can) and, on rows set aside, the line's text.
{{ config(
    pre_hook="{{ drop_csv_rejects('departments') }}",
    post_hook={"sql": "{{ add_unreadable_rows(this, 'departments') }}", "transaction": false},
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'departments') }}

with parsed as (
    select
        line,
        {{ csv_fields('line', ['department_id', 'department']) }} as fields
    from {{ instacart_raw_lines('departments') }}
),

typed as (
    select
        parsed.line,
        parsed.fields is null as is_malformed,
        {{ strict_integer('fields.department_id') }} as department_id,
        nullif(trim(fields.department), '') as department_name
    from parsed
),

checked as (
    select
        *,
        case
            when is_malformed then 'malformed_line'
            when department_id is null or department_id <= 0 then 'invalid_department_id'
            when department_name is null then 'missing_department_name'
            when count(*) over (partition by department_id) > 1 then 'duplicate_department_id'
        end as rejection_reason
    from typed
)

select
    department_id,
    department_name,
    rejection_reason,
    case when rejection_reason is not null then line end as raw_values
from checked
