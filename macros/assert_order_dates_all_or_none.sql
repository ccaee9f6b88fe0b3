{#
    Post-hook of base_instacart__orders: an order log has a date on every order or on
    none. Rows without one in a file that has order_date mean a broken export, not a few
    bad rows, so the build stops here naming the file and the first such row (by order id).
#}
{% macro assert_order_dates_all_or_none(relation) %}
{%- set message -%}
        'orders.csv has order_date in its header but ' || count(*) || ' row(s) without a date, the first: '''
        || min_by(raw_values, coalesce(try_cast(split_part(raw_values, ',', 1) as bigint), 0)) || '''. '
        || 'Every order needs a date (YYYY-MM-DD) in the eighth column, or none does (drop the column).'
{%- endset %}
select
    case when count(*) > 0 then {{ raise_error(message) }} end
from {{ relation }}
where rejection_reason = 'missing_order_date'
{% endmacro %}
