-- Every line of aisles.csv, one row each, with the reason it cannot be staged (null when
-- it can) and, on rows set aside, the line's text.
{{ config(
    pre_hook="{{ drop_csv_rejects('aisles') }}",
    post_hook={"sql": "{{ add_unreadable_rows(this, 'aisles') }}", "transaction": false},
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'aisles') }}

with parsed as (
    select
        line,
        {{ csv_fields('line', ['aisle_id', 'aisle']) }} as fields
    from {{ instacart_raw_lines('aisles') }}
),

typed as (
    select
        parsed.line,
        parsed.fields is null as is_malformed,
        {{ strict_integer('fields.aisle_id') }} as aisle_id,
        nullif(trim(fields.aisle), '') as aisle_name
    from parsed
),

checked as (
    select
        *,
        case
            when is_malformed then 'malformed_line'
            when aisle_id is null or aisle_id <= 0 then 'invalid_aisle_id'
            when aisle_name is null then 'missing_aisle_name'
            when count(*) over (partition by aisle_id) > 1 then 'duplicate_aisle_id'
        end as rejection_reason
    from typed
)

select
    aisle_id,
    aisle_name,
    rejection_reason,
    case when rejection_reason is not null then line end as raw_values
from checked
