{#
    The few places where DuckDB and Spark SQL spell the same thing differently, each
    dispatched (adapter.dispatch) to a duckdb__ and a spark__ version; everything else in
    the models is SQL both engines read alike. README "Running on a bigger engine".
#}

{#- True when the whole text matches the regular expression (no anchors needed). -#}
{% macro full_match(text, pattern) -%}
    {{ return(adapter.dispatch('full_match', 'instacart_kpis')(text, pattern)) }}
{%- endmacro %}
{% macro default__full_match(text, pattern) -%}
    regexp_full_match({{ text }}, {{ pattern }})
{%- endmacro %}
{% macro spark__full_match(text, pattern) -%}
    ({{ text }} rlike concat('^(?:', {{ pattern }}, ')$'))
{%- endmacro %}

{#- A text cut at each separator (a plain character), as a list of texts. -#}
{% macro split_text(text, separator) -%}
    {{ return(adapter.dispatch('split_text', 'instacart_kpis')(text, separator)) }}
{%- endmacro %}
{% macro default__split_text(text, separator) -%}
    string_split({{ text }}, {{ separator }})
{%- endmacro %}
{% macro spark__split_text(text, separator) -%}
    split({{ text }}, {{ separator }}, -1)
{%- endmacro %}

{#- The list's element at a 1-based position; null past its end. -#}
{% macro list_item(list, position) -%}
    {{ return(adapter.dispatch('list_item', 'instacart_kpis')(list, position)) }}
{%- endmacro %}
{% macro default__list_item(list, position) -%}
    {{ list }}[{{ position }}]
{%- endmacro %}
{% macro spark__list_item(list, position) -%}
    try_element_at({{ list }}, {{ position }})
{%- endmacro %}

{#- The number of elements of a list. -#}
{% macro list_length(list) -%}
    {{ return(adapter.dispatch('list_length', 'instacart_kpis')(list)) }}
{%- endmacro %}
{% macro default__list_length(list) -%}
    len({{ list }})
{%- endmacro %}
{% macro spark__list_length(list) -%}
    size({{ list }})
{%- endmacro %}

{#- A list of expressions (each an integer), as one list value. -#}
{% macro integer_list(items) -%}
    {{ return(adapter.dispatch('integer_list', 'instacart_kpis')(items)) }}
{%- endmacro %}
{% macro default__integer_list(items) -%}
    [{{ items | join(', ') }}]
{%- endmacro %}
{% macro spark__integer_list(items) -%}
    array({{ items | join(', ') }})
{%- endmacro %}

{#- A list of texts cast to a list of integers. -#}
{% macro cast_integer_list(list) -%}
    {{ return(adapter.dispatch('cast_integer_list', 'instacart_kpis')(list)) }}
{%- endmacro %}
{% macro default__cast_integer_list(list) -%}
    cast({{ list }} as integer[])
{%- endmacro %}
{% macro spark__cast_integer_list(list) -%}
    cast({{ list }} as array<int>)
{%- endmacro %}

{#- A struct of named values: names and expressions, in order. -#}
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

{#- The previous row's non-null value of expression in the window (over: its partition and order). -#}
{% macro lag_ignore_nulls(expression, over) -%}
    {{ return(adapter.dispatch('lag_ignore_nulls', 'instacart_kpis')(expression, over)) }}
{%- endmacro %}
{% macro default__lag_ignore_nulls(expression, over) -%}
    lag({{ expression }} ignore nulls) over ({{ over }})
{%- endmacro %}
{% macro spark__lag_ignore_nulls(expression, over) -%}
    lag({{ expression }}) ignore nulls over ({{ over }})
{%- endmacro %}

{#- One row per date from first_date to last_date, step_days apart (a select-list expression). -#}
{% macro date_series(first_date, last_date, step_days) -%}
    {{ return(adapter.dispatch('date_series', 'instacart_kpis')(first_date, last_date, step_days)) }}
{%- endmacro %}
{% macro default__date_series(first_date, last_date, step_days) -%}
    cast(unnest(generate_series({{ first_date }}, {{ last_date }}, interval {{ step_days }} day)) as date)
{%- endmacro %}
{% macro spark__date_series(first_date, last_date, step_days) -%}
    explode(sequence({{ first_date }}, {{ last_date }}, interval {{ step_days }} day))
{%- endmacro %}

{#- Whole-number division (rounds toward minus infinity on DuckDB, toward 0 on Spark: the same for counts). -#}
{% macro integer_divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('integer_divide', 'instacart_kpis')(numerator, denominator)) }}
{%- endmacro %}
{% macro default__integer_divide(numerator, denominator) -%}
    ({{ numerator }}) // ({{ denominator }})
{%- endmacro %}
{% macro spark__integer_divide(numerator, denominator) -%}
    (({{ numerator }}) div ({{ denominator }}))
{%- endmacro %}

{#- Stops the query (and the build) with the message, when evaluated. -#}
{% macro raise_error(message) -%}
    {{ return(adapter.dispatch('raise_error', 'instacart_kpis')(message)) }}
{%- endmacro %}
{% macro default__raise_error(message) -%}
    error({{ message }})
{%- endmacro %}
{% macro spark__raise_error(message) -%}
    raise_error({{ message }})
{%- endmacro %}

{#- The build's local time, without a time zone. -#}
{% macro local_now() -%}
    {{ return(adapter.dispatch('local_now', 'instacart_kpis')()) }}
{%- endmacro %}
{% macro default__local_now() -%}
    current_localtimestamp()
{%- endmacro %}
{% macro spark__local_now() -%}
    cast(localtimestamp() as timestamp)
{%- endmacro %}

{#- The product of an expression over a group's rows (an aggregate). -#}
{% macro product_of(expression) -%}
    {{ return(adapter.dispatch('product_of', 'instacart_kpis')(expression)) }}
{%- endmacro %}
{% macro default__product_of(expression) -%}
    product({{ expression }})
{%- endmacro %}
{% macro spark__product_of(expression) -%}
    aggregate(collect_list(cast({{ expression }} as double)), cast(1 as double), (product, value) -> product * value)
{%- endmacro %}
