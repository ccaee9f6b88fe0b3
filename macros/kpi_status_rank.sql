{#- Worst first: critical 1, warn 2, ok 3; the order every list of statuses is shown in. -#}
{% macro kpi_status_rank(status) -%}
    case {{ status }} when 'critical' then 1 when 'warn' then 2 when 'ok' then 3 end
{%- endmacro %}
