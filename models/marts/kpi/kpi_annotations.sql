-- One row per annotation of annotations.csv that was not set aside: an event (a promotion, a
-- holiday, an outage) or an owner's comment, dated, about one metric or all of them, with the
-- ISO week and the month it falls in, and the week it belongs to a year later (events drawn
-- beside the same week last year) and whether its author is the metric's owner. The review
-- quotes the week's events and comments and draws the events on the charts.
with annotations as (
    select * from {{ ref('int_annotations__matched') }}
    where rejection_reason is null
)

select
    annotations.annotation_date,
    cast(date_trunc('week', annotations.annotation_date) as date) as week_start,
    cast(date_trunc('month', annotations.annotation_date) as date) as month_start,
    cast(date_trunc('week', annotations.annotation_date) as date) + 364 as same_week_next_year,
    annotations.metric_id,
    annotations.kind,
    annotations.author,
    annotations.text,
    coalesce(annotations.author = definitions.owner_role, false) as is_owner_comment
from annotations
left join {{ ref('metric_definitions') }} as definitions
    on annotations.metric_id = definitions.metric_id
