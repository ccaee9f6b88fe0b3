-- Every cross-engine helper (macros/cross_engine/) on literal inputs, against values worked
-- out by hand, edge cases included: a helper spelled wrong for one engine fails here on that
-- engine (make test-spark runs this test on Spark too). One query, so one node, where a test
-- per helper would cost one each. A failing row names the helper, the case, the value it gave
-- and the one expected, all as text; the rows are stored. raise_error can only be checked here
-- not to fire where it is not evaluated; tests/python/test_raise_error.py checks that it stops
-- a query with its message.
-- The cases are the columns of one row and the inputs are inline tables, not a union of
-- one-row selects: Spark generates code for each select, and that union took three to four
-- times as long there as this shape.
{{ config(store_failures=true) }}
{%- set digits = "'[0-9]+'" %}
{%- set whole_number = "'[0-9]{1,9}([.]0)?'" %}
{%- set null_text = 'cast(null as string)' %}
{%- set fields = split_text("'a,,b,'", "','") %}
{%- set null_list = split_text(null_text, "','") %}
{%- set numbers = integer_list(['10', '20', '30']) %}
{%- set with_null = integer_list(['1', 'null', '3']) %}
{%- set from_texts = cast_integer_list(split_text("'1,22,-3'", "','")) %}
{#- Each case: the helper, the case, its value as an expression, the value expected (a literal). -#}
{%- set scalar_cases = [
    ('full_match', 'the whole text matches', full_match("'123'", digits), "'true'"),
    ('full_match', 'a match of the start only is no match', full_match("'123a'", digits), "'false'"),
    ('full_match', 'a match of the end only is no match', full_match("'a123'", digits), "'false'"),
    ('full_match', 'an alternation is anchored as a whole', full_match("'ab'", "'a|b'"), "'false'"),
    ('full_match', 'either side of an alternation matches', full_match("'b'", "'a|b'"), "'true'"),
    ('full_match', 'a whole number written with .0', full_match("'8.0'", whole_number), "'true'"),
    ('full_match', 'a fraction is not a whole number', full_match("'8.5'", whole_number), "'false'"),
    ('full_match', 'a null text gives null', full_match(null_text, digits), 'null'),
    ('split_text', 'empty fields are kept, a trailing one too', list_length(fields), "'4'"),
    ('split_text', 'the first field', list_item(fields, 1), "'a'"),
    ('split_text', 'an empty field between two separators', list_item(fields, 2), "''"),
    ('split_text', 'the field after two separators', list_item(fields, 3), "'b'"),
    ('split_text', 'the empty field after the last separator', list_item(fields, 4), "''"),
    ('split_text', 'a text without the separator is one field', list_item(split_text("'abc'", "','"), 1), "'abc'"),
    ('split_text', 'a null text gives a null list', null_list ~ ' is null', "'true'"),
    ('list_item', 'the first element', list_item(numbers, 1), "'10'"),
    ('list_item', 'the last element', list_item(numbers, 3), "'30'"),
    ('list_item', 'a position past the end gives null', list_item(numbers, 4), 'null'),
    ('list_item', 'a position given as an expression', list_item(numbers, '1 + 1'), "'20'"),
    ('list_item', 'an element of a null list is null', list_item(null_list, 1), 'null'),
    ('list_length', 'three elements', list_length(numbers), "'3'"),
    ('list_length', 'an empty list has none', list_length(integer_list([])), "'0'"),
    ('list_length', 'a one-field text', list_length(split_text("'abc'", "','")), "'1'"),
    ('list_length', 'a null list gives null', list_length(null_list), 'null'),
    ('integer_list', 'each element is evaluated', list_item(integer_list(['1 + 1', '3 * 3']), 2), "'9'"),
    ('integer_list', 'a null element is kept', list_length(with_null), "'3'"),
    ('integer_list', 'a null element stays null', list_item(with_null, 2), 'null'),
    ('integer_list', 'the element after a null keeps its place', list_item(with_null, 3), "'3'"),
    ('cast_integer_list', 'texts become the same integers', from_texts ~ ' = ' ~ integer_list(['1', '22', '-3']), "'true'"),
    ('cast_integer_list', 'an element is a number, not a text', list_item(from_texts, 2) ~ ' + 1', "'23'"),
    ('cast_integer_list', 'a negative number', list_item(from_texts, 3), "'-3'"),
    ('integer_divide', 'the remainder is dropped', integer_divide('7', '2'), "'3'"),
    ('integer_divide', 'an exact quotient', integer_divide('6', '2'), "'3'"),
    ('integer_divide', 'a numerator below the denominator gives 0', integer_divide('1', '2'), "'0'"),
    ('integer_divide', 'each operand is a whole expression', integer_divide('6 + 1', '1 + 1'), "'3'"),
    ('integer_divide', 'a negative numerator rounds toward zero', integer_divide('-7', '2'), "'-3'"),
    ('integer_divide', 'a negative denominator rounds toward zero', integer_divide('7', '-2'), "'-3'"),
    ('raise_error', 'not raised in a case branch that is not taken',
        "coalesce(cast(case when 1 = 0 then " ~ raise_error("'raise_error fired unevaluated'") ~ " end as string), 'not raised')",
        "'not raised'"),
    ('local_now', 'a timestamp without a time zone', 'lower(typeof(' ~ local_now() ~ '))', "'timestamp'"),
    ('local_now', 'the current time as the session reads it',
        local_now() ~ ' between cast(current_timestamp as timestamp) - interval 1 minute'
        ~ ' and cast(current_timestamp as timestamp) + interval 1 minute',
        "'true'"),
    ('make_struct', 'the first field', 'made.fields.order_id', "'7'"),
    ('make_struct', 'a text field', 'made.fields.eval_set', "'prior'"),
    ('make_struct', 'a null field', 'made.fields.note', 'null'),
] %}
{#- lag_ignore_nulls: the rows of two partitions, each with the value expected before it. -#}
{%- set lag_rows = [
    ("'a'", 1, '10', 'null', 'the first row has nothing before it'),
    ("'a'", 2, 'null', '10', 'a null row takes the value before it'),
    ("'a'", 3, 'null', '10', 'a second null row still takes it'),
    ("'a'", 4, '40', '10', 'a row takes the value before it, not its own'),
    ("'a'", 5, 'null', '40', 'the latest value before the row'),
    ("'b'", 1, 'null', 'null', 'a partition does not see the one before'),
    ("'b'", 2, '7', 'null', 'only nulls before gives null'),
    ("'b'", 3, '8', '7', 'the value before it in its own partition'),
] %}
{#- product_of: the factors of each group and their product, as a double's text. -#}
{%- set product_groups = [
    ('whole numbers', ['2', '3', '4'], "'24.0'"),
    ('a zero makes zero', ['3', '0', '5'], "'0.0'"),
    ('a negative and a fraction', ['-2', '0.5', '3'], "'-3.0'"),
    ('null factors are skipped', ['2', 'null', '5'], "'10.0'"),
    ('only null factors give null', ['null', 'null'], 'null'),
] %}
{#- date_series: first date, last date, step in days, and every date expected, in order. -#}
{%- set date_series_cases = [
    ('daily across february 29 of a leap year', '2024-02-27', '2024-03-02', 1,
        ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']),
    ('daily across the end of a 28-day february', '2026-02-27', '2026-03-01', 1,
        ['2026-02-27', '2026-02-28', '2026-03-01']),
    ('weekly across a month end and a year end', '2025-12-22', '2026-01-12', 7,
        ['2025-12-22', '2025-12-29', '2026-01-05', '2026-01-12']),
    ('weekly, the last date falling between two steps', '2026-10-26', '2026-11-10', 7,
        ['2026-10-26', '2026-11-02', '2026-11-09']),
    ('one date when the first is the last', '2026-11-30', '2026-11-30', 1,
        ['2026-11-30']),
] %}
{%- set scalar_columns = [] %}
{%- for helper, test_case, actual, expected in scalar_cases %}
    {%- do scalar_columns.append('cast((' ~ actual ~ ') as string) as case_' ~ loop.index) %}
{%- endfor %}
{%- set product_rows = [] %}
{%- for test_case, factors, expected in product_groups %}
    {%- for factor in factors %}{% do product_rows.append((test_case, factor, expected)) %}{% endfor %}
{%- endfor %}
{%- set expected_dates = [] %}
{%- for test_case, first_date, last_date, step_days, dates in date_series_cases %}
    {%- for series_date in dates %}{% do expected_dates.append((test_case, series_date)) %}{% endfor %}
{%- endfor %}

with made as (
    select {{ make_struct(['order_id', 'eval_set', 'note'], ['7', "'prior'", null_text]) }} as fields
),

scalar_values as (
    select
        {{ scalar_columns | join(',\n        ') }}
    from made
),

-- A null value drops out of the unpivot; the left join below brings it back as null.
scalar_actual as (
    select
        case_key,
        actual_value
    from scalar_values
    unpivot (
        actual_value for case_key in (
            {%- for scalar_case in scalar_cases %}
                case_{{ loop.index }}{{ "," if not loop.last }}
            {%- endfor %}
        )
    )
),

scalar_expected as (
    select
        expected_values.case_key,
        expected_values.helper,
        expected_values.test_case,
        expected_values.expected_value
    from (
        values
        {%- for helper, test_case, actual, expected in scalar_cases %}
            ('case_{{ loop.index }}', '{{ helper }}', '{{ test_case }}', {{ expected }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as expected_values (case_key, helper, test_case, expected_value)
),

scalar_cases as (
    select
        scalar_expected.helper,
        scalar_expected.test_case,
        scalar_actual.actual_value,
        scalar_expected.expected_value
    from scalar_expected
    left join scalar_actual
        on scalar_expected.case_key = scalar_actual.case_key
),

lag_rows as (
    select
        lag_values.series,
        lag_values.row_position,
        lag_values.row_value,
        lag_values.expected_previous,
        lag_values.test_case
    from (
        values
        {%- for series, row_position, row_value, expected, test_case in lag_rows %}
            ({{ series }}, {{ row_position }}, {{ row_value }}, {{ expected }}, '{{ test_case }}')
            {{- "," if not loop.last }}
        {%- endfor %}
    ) as lag_values (series, row_position, row_value, expected_previous, test_case)
),

lag_cases as (
    select
        'lag_ignore_nulls' as helper,
        test_case,
        cast(
            {{ lag_ignore_nulls('row_value', 'partition by series order by row_position') }} as string
        ) as actual_value,
        cast(expected_previous as string) as expected_value
    from lag_rows
),

product_rows as (
    select
        product_values.test_case,
        cast(product_values.factor as double) as factor,
        product_values.expected_value
    from (
        values
        {%- for test_case, factor, expected in product_rows %}
            ('{{ test_case }}', {{ factor }}, {{ expected }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as product_values (test_case, factor, expected_value)
),

product_cases as (
    select
        'product_of' as helper,
        test_case,
        cast({{ product_of('factor') }} as string) as actual_value,
        min(expected_value) as expected_value
    from product_rows
    group by test_case
),

series_made as (
    {%- for test_case, first_date, last_date, step_days, dates in date_series_cases %}
        select
            '{{ test_case }}' as test_case,
            {{ date_series("date '" ~ first_date ~ "'", "date '" ~ last_date ~ "'", step_days) }} as series_date
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

series_expected as (
    select
        expected_dates.test_case,
        expected_dates.series_date
    from (
        values
        {%- for test_case, series_date in expected_dates %}
            ('{{ test_case }}', date '{{ series_date }}'){{ "," if not loop.last }}
        {%- endfor %}
    ) as expected_dates (test_case, series_date)
),

-- A date made but not expected, or expected but not made, is one failing row; so is a
-- series of the right dates with one of them repeated.
series_date_cases as (
    select
        'date_series' as helper,
        coalesce(made.test_case, expected.test_case) as test_case,
        cast(made.series_date as string) as actual_value,
        cast(expected.series_date as string) as expected_value
    from series_made as made
    full outer join series_expected as expected
        on
            made.test_case = expected.test_case
            and made.series_date = expected.series_date
),

made_counts as (
    select
        test_case,
        count(*) as dates
    from series_made
    group by test_case
),

expected_counts as (
    select
        test_case,
        count(*) as dates
    from series_expected
    group by test_case
),

series_count_cases as (
    select
        'date_series' as helper,
        made_counts.test_case || ': number of dates' as test_case,
        cast(made_counts.dates as string) as actual_value,
        cast(expected_counts.dates as string) as expected_value
    from made_counts
    inner join expected_counts
        on made_counts.test_case = expected_counts.test_case
),

all_cases as (
    select * from scalar_cases
    union all
    select * from lag_cases
    union all
    select * from product_cases
    union all
    select * from series_date_cases
    union all
    select * from series_count_cases
)

select
    helper,
    test_case,
    actual_value,
    expected_value
from all_cases
where actual_value is distinct from expected_value
