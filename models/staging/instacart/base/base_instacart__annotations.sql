-- Every record of annotations.csv (optional: events and owners' comments on the metrics), one
-- row each: the values when each is written as it should be, else the reason the row cannot
-- be staged and its text. A text may be quoted and hold commas, quotes and line ends (a row
-- then runs over several lines: macro csv_records). Whether the metric exists is checked
-- later, in int_annotations__matched: staging reads no other file. Empty when the file is
-- absent (instacart_raw_lines reads no lines then).
{{ config(
    pre_hook="{{ drop_csv_rejects('annotations') }}",
    post_hook={"sql": "{{ add_unreadable_rows(this, 'annotations') }}", "transaction": target.type == 'spark'},
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'annotations') }}
{%- set columns = ['annotation_date', 'metric_id', 'kind', 'author', 'annotation_text'] %}

with parsed as (
    select
        records.line,
        records.source_lines,
        {{ csv_fields('records.line', columns) }} as fields
    from {{ csv_records('annotations', columns) }} as records
),

typed as (
    select
        parsed.line,
        parsed.source_lines,
        parsed.fields is null as is_malformed,
        case
            when {{ full_match('trim(fields.annotation_date)', "'[0-9]{4}-[0-9]{2}-[0-9]{2}'") }}
                then try_cast(trim(fields.annotation_date) as date)
        end as annotation_date,
        nullif(trim(fields.metric_id), '') as metric_id,
        trim(fields.kind) as kind,
        nullif(trim(fields.author), '') as author,
        nullif(trim(fields.annotation_text), '') as annotation_text
    from parsed
),

checked as (
    select
        *,
        case
            when is_malformed then 'malformed_line'
            when annotation_date is null then 'invalid_annotation_date'
            when metric_id is null then 'missing_annotation_metric'
            when kind is null or kind not in ('event', 'comment') then 'invalid_annotation_kind'
            when author is null then 'missing_annotation_author'
            when annotation_text is null then 'missing_annotation_text'
        end as rejection_reason
    from typed
)

select
    case when rejection_reason is null then annotation_date end as annotation_date,
    case when rejection_reason is null then metric_id end as metric_id,
    case when rejection_reason is null then kind end as kind,
    case when rejection_reason is null then author end as author,
    case when rejection_reason is null then annotation_text end as text,
    rejection_reason,
    case when rejection_reason is not null then line end as raw_values,
    source_lines
from checked
