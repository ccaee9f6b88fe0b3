-- One row per annotation whose own values are fine (stg_instacart__annotations), checked
-- against the metrics of seed metric_definitions: the reason it cannot be used (null when it
-- can: its metric is defined, or is `all`, every metric) and, on an annotation set aside, its
-- values written back as a CSV line.
with annotations as (
    select * from {{ ref('stg_instacart__annotations') }}
),

metrics as (
    select metric_id from {{ ref('metric_definitions') }}
),

checked as (
    select
        annotations.annotation_date,
        annotations.metric_id,
        annotations.kind,
        annotations.author,
        annotations.text,
        case
            when annotations.metric_id <> 'all' and metrics.metric_id is null then 'unknown_metric'
        end as rejection_reason
    from annotations
    left join metrics
        on annotations.metric_id = metrics.metric_id
)

select
    annotation_date,
    metric_id,
    kind,
    author,
    text,
    rejection_reason,
    case
        when rejection_reason is not null
            then concat_ws(
                    ',',
                    cast(annotation_date as string),
                    {{ csv_quoted('metric_id') }},
                    kind,
                    {{ csv_quoted('author') }},
                    {{ csv_quoted('text') }}
                )
    end as raw_values
from checked
