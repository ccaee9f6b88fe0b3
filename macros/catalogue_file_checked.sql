{#
    The rows of a two-column catalogue file (aisles.csv, departments.csv: <entity>_id,<entity>)
    with the reason each cannot be staged (null when it can) and, on rows set aside, the
    line's text (a record whose quoted name holds line ends is read whole: csv_records). Both
    files have the same shape and the same checks, so they share this body.
#}
{% macro catalogue_file_checked(file_key, entity) -%}
with parsed as (
    select
        records.line,
        records.source_lines,
        {{ csv_fields('records.line', [entity ~ '_id', entity]) }} as fields
    from {{ csv_records(file_key, [entity ~ '_id', entity]) }} as records
),

typed as (
    select
        parsed.line,
        parsed.source_lines,
        parsed.fields is null as is_malformed,
        {{ strict_integer('fields.' ~ entity ~ '_id') }} as {{ entity }}_id,
        nullif(trim(fields.{{ entity }}), '') as {{ entity }}_name
    from parsed
),

checked as (
    select
        *,
        case
            when is_malformed then 'malformed_line'
            when {{ entity }}_id is null or {{ entity }}_id <= 0 then 'invalid_{{ entity }}_id'
            when {{ entity }}_name is null then 'missing_{{ entity }}_name'
            when count(*) over (partition by {{ entity }}_id) > 1 then 'duplicate_{{ entity }}_id'
        end as rejection_reason
    from typed
)

select
    {{ entity }}_id,
    {{ entity }}_name,
    rejection_reason,
    case when rejection_reason is not null then line end as raw_values,
    source_lines
from checked
{%- endmacro %}
