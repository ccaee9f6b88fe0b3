{% macro kpi_wow_status(relative_change, direction, warn_change, critical_change) -%}
    {#-
        ok / warn / critical for a metric judged by its week-over-week change: a move in the
        harmful direction (a fall for higher_is_better, a rise for lower_is_better) of at
        least warn_change (a fraction of last week's value) is warn, of at least
        critical_change critical. A change that cannot be measured (no last week, or a
        last week of 0) is critical, as a guardrail that cannot be measured is not holding.
    -#}
    case
        when {{ relative_change }} is null then 'critical'
        when {{ direction }} = 'higher_is_better' and -{{ relative_change }} >= {{ critical_change }} then 'critical'
        when {{ direction }} = 'higher_is_better' and -{{ relative_change }} >= {{ warn_change }} then 'warn'
        when {{ direction }} = 'lower_is_better' and {{ relative_change }} >= {{ critical_change }} then 'critical'
        when {{ direction }} = 'lower_is_better' and {{ relative_change }} >= {{ warn_change }} then 'warn'
        else 'ok'
    end
{%- endmacro %}
