-- A metric has both thresholds or neither, and critical lies beyond warn in the direction
-- of harm: below it for higher_is_better, above it for lower_is_better.
select *
from {{ ref('metric_definitions') }}
where (warn_threshold is null) <> (critical_threshold is null)
    or (direction = 'higher_is_better' and critical_threshold > warn_threshold)
    or (direction = 'lower_is_better' and critical_threshold < warn_threshold)
