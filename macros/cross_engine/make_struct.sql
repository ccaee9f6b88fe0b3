{% macro make_struct(names, values) -%}
    {{ return(adapter.dispatch('make_struct', 'instacart_kpis')(names, values)) }}
{%- endmacro %}

{% macro default__make_struct(names, values) -%}
    struct_pack(
    {%- for name in names %}
        {{ name }} := {{ values[loop.index0] }}{{ "," if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}

{% macro spark__make_struct(names, values) -%}
    named_struct(
    {%- for name in names %}
        '{{ name }}', {{ values[loop.index0] }}{{ "," if not loop.last }}
    {%- endfor %}
    )
{%- endmacro %}
