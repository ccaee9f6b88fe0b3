{% macro kpi_status(value, direction, warn_threshold, critical_threshold) -%}
    {#-
        ok / warn / critical for a metric against its thresholds. A value exactly at a
        threshold counts as breached. higher_is_better breaches downward (<=),
        lower_is_better upward (>=). No thresholds: informational, always ok. Thresholds
        but no value: critical, since a guardrail that cannot be measured is not holding.
    -#}
    case
        when {{ warn_threshold }} is null and {{ critical_threshold }} is null then 'ok'
        when {{ value }} is null then 'critical'
        when {{ direction }} = 'higher_is_better' and {{ value }} <= {{ critical_threshold }} then 'critical'
        when {{ direction }} = 'higher_is_better' and {{ value }} <= {{ warn_threshold }} then 'warn'
        when {{ direction }} = 'lower_is_better' and {{ value }} >= {{ critical_threshold }} then 'critical'
        when {{ direction }} = 'lower_is_better' and {{ value }} >= {{ warn_threshold }} then 'warn'
        else 'ok'
    end
{%- endmacro %}
