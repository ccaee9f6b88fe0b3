-- Every line of orders.csv, one row each: the values when every one is written as it
-- should be (quoted or not), else the reason the row cannot be staged and its text. The file has the
-- release's seven columns or, for an order log with dates, an eighth: order_date; a file
-- whose header has order_date must have it on every row (the post-hook stops the build
-- naming the first row without one).
{{ config(
    pre_hook="{{ drop_csv_rejects('orders') }}",
    post_hook=[
        {"sql": "{{ add_unreadable_rows(this, 'orders') }}", "transaction": target.type == 'spark'},
        {"sql": "{{ assert_order_dates_all_or_none(this) }}", "transaction": target.type == 'spark'},
    ],
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'orders') }}
{% set dated = instacart_orders_are_dated() %}

with raw_lines as (
    select
        line,
        {{ csv_unquoted_line('line') }} as csv_line
    from {{ instacart_raw_lines('orders') }}
),

split_lines as (
    select
        line,
        {{ split_text('csv_line', "','") }} as fields,
        -- Nearly every line is plain: its whole-number fields are checked by this one
        -- match, and only the other lines pay for a look at each field.
        {{ full_match(
            'csv_line',
            "'[0-9]{1,9},[0-9]{1,9},(prior|train|test),[0-9]{1,9},[0-9]{1,9},[0-9]{1,9},([0-9]{1,9}([.]0)?)?"
            ~ (",[0-9]{4}-[0-9]{2}-[0-9]{2}" if dated else "") ~ "'"
        ) }} as is_plain
    from raw_lines
),

typed as (
    select
        line,
        {{ list_length('fields') }} as field_count,
        {{ strict_integer(list_item('fields', 1), 'is_plain') }} as order_id,
        {{ strict_integer(list_item('fields', 2), 'is_plain') }} as user_id,
        {{ list_item('fields', 3) }} as eval_set,
        {{ strict_integer(list_item('fields', 4), 'is_plain') }} as order_number,
        {{ strict_integer(list_item('fields', 5), 'is_plain') }} as order_dow,
        {{ strict_integer(list_item('fields', 6), 'is_plain') }} as order_hour_of_day,
        {{ list_item('fields', 7) }} = '' as is_days_empty,
        {{ strict_integer(list_item('fields', 7), 'is_plain') }} as days_since_prior_order,
        {% if dated -%}
            coalesce({{ list_item('fields', 8) }}, '') = '' as is_date_missing,
            case when {{ full_match(list_item('fields', 8), "'[0-9]{4}-[0-9]{2}-[0-9]{2}'") }}
                    then try_cast({{ list_item('fields', 8) }} as date)
            end
                as order_date
        {%- else -%}
            false as is_date_missing,
            cast(null as date) as order_date
        {%- endif %}
    from split_lines
),

checked as (
    select
        *,
        case
            {% if dated -%}
                when field_count = 7 then 'missing_order_date'
            {% endif -%}
            when field_count <> {{ 8 if dated else 7 }} then 'malformed_line'
            when order_id is null or order_id <= 0 then 'invalid_order_id'
            when user_id is null or user_id <= 0 then 'invalid_user_id'
            when eval_set not in ('prior', 'train', 'test') then 'invalid_eval_set'
            when order_number is null or order_number <= 0 then 'invalid_order_number'
            when order_dow is null or order_dow not between 0 and 6 then 'invalid_order_dow'
            when order_hour_of_day is null or order_hour_of_day not between 0 and 23 then 'invalid_order_hour_of_day'
            when not is_days_empty and (days_since_prior_order is null or days_since_prior_order > 30)
                then 'invalid_days_since_prior_order'
            when order_number = 1 and not is_days_empty then 'days_on_first_order'
            {%- if dated %}
                when is_date_missing then 'missing_order_date'
                when order_date is null then 'invalid_order_date'
                when order_date < date '2000-01-01' then 'order_date_before_2000'
                when order_date > current_date then 'order_date_after_build_day'
            {%- endif %}
        end as value_failure
    from typed
)

-- One pass for the checks that need other rows (a second scan of the 3.4M rows cost more
-- than the checks). Every copy of a repeated order id is set aside, whatever else is wrong
-- with it: which one is right cannot be told. A date is compared with the customer's
-- previous order that has a good date.
select
    case when rejection_reason is null then order_id end as order_id,
    case when rejection_reason is null then user_id end as user_id,
    case when rejection_reason is null then eval_set end as eval_set,
    case when rejection_reason is null then order_number end as order_number,
    case when rejection_reason is null then order_dow end as order_dow,
    case when rejection_reason is null then order_hour_of_day end as order_hour_of_day,
    case when rejection_reason is null then days_since_prior_order end as days_since_prior_order,
    case when rejection_reason is null then order_date end as order_date,
    rejection_reason,
    case when rejection_reason is not null then line end as raw_values
from (
    select
        *,
        case
            when value_failure is not null then value_failure
            when count(*) over (partition by order_id) > 1 then 'duplicate_order_id'
            when order_date < {{ lag_ignore_nulls(
                    'case when value_failure is null then order_date end',
                    'partition by user_id order by order_number',
                ) }}
                then 'order_date_out_of_order'
        end as rejection_reason
    from checked
) as judged
