{#-
    The logarithmic mean L(a, b) = (a - b) / (ln a - ln b), and a when a = b (or equal to
    rounding, where the log of the ratio is 0), for the exact LMDI split of V = F x B:
    F contributes L(V1, V0) x ln(F1 / F0), B contributes L(V1, V0) x ln(B1 / B0), and the
    two add up to V1 - V0 with no residual. Null unless both values are above 0.
-#}
{% macro log_mean(current, previous) -%}
    case
        when not ({{ current }} > 0 and {{ previous }} > 0) then null
        when ln({{ current }} / {{ previous }}) = 0 then {{ current }}
        else ({{ current }} - {{ previous }}) / ln({{ current }} / {{ previous }})
    end
{%- endmacro %}
