{#-
    The rule a status judges, in words, as the review shows it: by the week's change
    ("fall >= 3% warn, >= 6% critical (week over week)"), by the level ("<= 9.50 warn,
    <= 9.00 critical"), or none.
-#}
{% macro kpi_status_rule(judged_by, direction, unit, warn_threshold, critical_threshold, warn_change, critical_change) -%}
    case
        when {{ judged_by }} = 'wow_change'
            then
                case when {{ direction }} = 'higher_is_better' then 'fall' else 'rise' end
                || ' ≥ ' || printf('%.0f%%', {{ warn_change }} * 100) || ' warn, ≥ '
                || printf('%.0f%%', {{ critical_change }} * 100) || ' critical (week over week)'
        when {{ warn_threshold }} is not null
            then
                case when {{ direction }} = 'higher_is_better' then '≤ ' else '≥ ' end
                || {{ kpi_format_value(warn_threshold, unit) }} || ' warn, '
                || case when {{ direction }} = 'higher_is_better' then '≤ ' else '≥ ' end
                || {{ kpi_format_value(critical_threshold, unit) }} || ' critical'
        else 'none (shown for context)'
    end
{%- endmacro %}
