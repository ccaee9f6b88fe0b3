{% macro within_rounding(left, right, tolerance=1e-9) -%}
    {#-
        True when two numbers agree up to floating-point rounding: a relative tolerance
        (1e-9 of the larger magnitude), never a percent. Two nulls agree (a ratio undefined
        on both sides, such as an empty segment); one null against a number does not.
        Never null itself, so `where not within_rounding(...)` cannot drop a row silently.
    -#}
    coalesce(
        (({{ left }}) is null and ({{ right }}) is null)
        or abs(({{ left }}) - ({{ right }})) <= {{ tolerance }} * greatest(abs({{ left }}), abs({{ right }})),
        false
    )
{%- endmacro %}
