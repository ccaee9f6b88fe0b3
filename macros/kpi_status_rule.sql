{#-
    A metric's guardrail levels in words, as the review shows them: "≤ 9.50 warn, ≤ 9.00
    critical" (higher is better), "≥ 20.0% warn, ≥ 25.0% critical" (lower is better), or
    "none (judged by signal and plan)".
-#}
{% macro kpi_status_rule(direction, unit, warn_threshold, critical_threshold) -%}
    case
        when {{ warn_threshold }} is not null
            then
                case when {{ direction }} = 'higher_is_better' then '≤ ' else '≥ ' end
                || {{ kpi_format_value(warn_threshold, unit) }} || ' warn, '
                || case when {{ direction }} = 'higher_is_better' then '≤ ' else '≥ ' end
                || {{ kpi_format_value(critical_threshold, unit) }} || ' critical'
        else 'none (judged by signal and plan)'
    end
{%- endmacro %}
