{#
    A text field as an integer only when it is written as one: digits, optionally followed
    by .0 (the release writes whole numbers of days as 8.0), at most nine digits so that it
    fits. Anything else (105.5, 0x6A, 1.06e2, 1_0, +5, ' 5', nan, inf, empty) is null, so
    the caller sets the row aside; DuckDB's own cast would round or reinterpret those.
    known_plain: an expression already true only when the whole line matched a pattern
    that allows nothing else in this field (an empty field stays null); those rows skip
    the field's own check.
#}
{% macro strict_integer(field, known_plain=none) -%}
    {%- set strict -%}
    case when {{ full_match(field, "'[0-9]{1,9}([.]0)?'") }} then cast(split_part({{ field }}, '.', 1) as integer) end
    {%- endset -%}
    {%- if known_plain -%}
    case when {{ known_plain }} then try_cast(split_part({{ field }}, '.', 1) as integer) else {{ strict }} end
    {%- else -%}
    {{ strict }}
    {%- endif -%}
{%- endmacro %}
