-- One row per frequency band in seed segment_bands, including bands with no customers:
-- the band's volumes, its shares of the totals, its own ratios and its contribution to VPAC.
with active_customers as (
    select
        segment_name,
        observed_orders,
        items,
        reordered_items,
        small_basket_orders
    from {{ ref('dim_customers') }}
    where is_active
),

-- Totals over every active customer, not over the bands: a customer no band covers
-- then shows up as shares that do not sum to 1, instead of vanishing from both sides.
totals as (
    select
        count(*) as customers,
        sum(observed_orders) as orders,
        sum(items) as items
    from active_customers
),

segment_volumes as (
    select
        segment_name,
        count(*) as customers,
        sum(observed_orders) as orders,
        sum(items) as items,
        sum(reordered_items) as reordered_items,
        sum(small_basket_orders) as small_basket_orders
    from active_customers
    group by segment_name
),

bands_with_volumes as (
    select
        bands.segment_name,
        bands.sort_order,
        bands.min_observed_orders,
        bands.max_observed_orders,
        bands.action,
        coalesce(segment_volumes.customers, 0) as customers,
        cast(coalesce(segment_volumes.orders, 0) as bigint) as orders,
        cast(coalesce(segment_volumes.items, 0) as bigint) as items,
        cast(coalesce(segment_volumes.reordered_items, 0) as bigint) as reordered_items,
        cast(coalesce(segment_volumes.small_basket_orders, 0) as bigint) as small_basket_orders
    from {{ ref('segment_bands') }} as bands
    left join segment_volumes
        on bands.segment_name = segment_volumes.segment_name
),

segment_ratios as (
    select
        bands_with_volumes.*,
        {{ safe_divide('bands_with_volumes.customers', 'totals.customers') }} as share_of_customers,
        {{ safe_divide('bands_with_volumes.orders', 'totals.orders') }} as share_of_orders,
        {{ safe_divide('bands_with_volumes.items', 'totals.items') }} as share_of_items,
        -- The same ratio definitions as the totals (macro kpi_ratios).
        {{ kpi_ratios(
            'bands_with_volumes.customers', 'bands_with_volumes.orders', 'bands_with_volumes.items',
            'bands_with_volumes.reordered_items', 'bands_with_volumes.small_basket_orders',
        ) }}
    from bands_with_volumes
    cross join totals
)

select
    segment_name,
    sort_order,
    min_observed_orders,
    max_observed_orders,
    action,
    customers,
    orders,
    items,
    reordered_items,
    small_basket_orders,
    share_of_customers,
    share_of_orders,
    share_of_items,
    orders_per_customer,
    items_per_order,
    vpac,
    reorder_rate,
    small_basket_share,
    -- A band with no customers carries nothing: its contribution is 0, not undefined.
    coalesce(share_of_customers * vpac, 0) as contribution_to_vpac
from segment_ratios
