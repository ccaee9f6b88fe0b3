{#
    An identity that must hold row by row: the column equals an expression of other
    columns of the same row, up to floating-point rounding (relative 1e-9), not a percent.
    Returns the rows where it fails. Two nulls agree (a ratio undefined on both sides).
#}
{% test equals_within_rounding(model, column_name, expression, tolerance=1e-9) %}

select
    *,
    {{ expression }} as expected_value
from {{ model }}
where not {{ within_rounding(column_name, expression, tolerance) }}

{% endtest %}
