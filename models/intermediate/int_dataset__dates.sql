-- One row: whether the orders carry dates, their first and latest date, and the data's
-- as_of date: the latest order date on dated data, else var as_of (default: the build day).
{% set as_of = var('as_of', none) %}

with order_dates as (
    select
        count(order_date) > 0 as is_dated,
        min(order_date) as first_order_date,
        max(order_date) as latest_order_date
    from {{ ref('stg_instacart__orders') }}
)

select
    is_dated,
    first_order_date,
    latest_order_date,
    case
        when is_dated then latest_order_date
        else {% if as_of %}cast('{{ as_of }}' as date){% else %}current_date{% endif %}
    end as as_of_date
from order_dates
