-- Every row of aisles.csv, cast, with the reason it cannot be staged (null when it can).
-- A line DuckDB's reader cannot parse (too few or too many fields, a broken quote) lands
-- in its temporary rejects table; the post-hook adds it here as a rejected row with its
-- raw text (reason malformed_line), so that every line of the file is a row.
{{ config(
    materialized='table',
    pre_hook="{{ drop_csv_rejects('aisles') }}",
    post_hook={"sql": "{{ add_unparsed_rows(this, 'aisles') }}", "transaction": false},
) }}

with typed as (
    select
        aisle_id as aisle_id_raw,
        aisle as aisle_name_raw,
        try_cast(aisle_id as integer) as aisle_id,
        nullif(trim(aisle), '') as aisle_name,
    from {{ source('instacart', 'aisles') }}
)

select
    aisle_id,
    aisle_name,
    case
        when aisle_id is null or aisle_id <= 0 then 'invalid_aisle_id'
        when aisle_name is null then 'missing_aisle_name'
        when count(*) over (partition by aisle_id) > 1 then 'duplicate_aisle_id'
    end as rejection_reason,
    concat_ws(',', coalesce(aisle_id_raw, ''), coalesce(aisle_name_raw, '')) as raw_values,
from typed
