{#
    No two rows share the same values of the listed columns (a composite key).
    Returns each repeated combination with how often it occurs.
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {% for column in combination_of_columns %}{{ column }},
    {% endfor %}count(*) as occurrences
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}
