{#
    The two entries of the scorecard history a comparison uses, as one row:
    current_as_of_date, the entry the latest successful build recorded (the latest
    recorded_at), and previous_as_of_date, the latest as_of strictly before it (null when
    there is none: a baseline). Both null when the history is empty. Entries are keyed by
    the data, not the build: the same data built again is the same entry, and a failed or
    killed build records nothing, so neither changes what is current or previous.
    The one definition kpi_metric_changes and kpi_vpac_change share.
#}
{% macro scorecard_compared_entries(history) %}
    select
        current_entry.as_of_date as current_as_of_date,
        (
            select max(earlier.as_of_date)
            from {{ history }} as earlier
            where earlier.as_of_date < current_entry.as_of_date
        ) as previous_as_of_date
    from (
        select max(as_of_date) as as_of_date
        from {{ history }}
        where recorded_at = (select max(recorded_at) from {{ history }})
    ) as current_entry
{% endmacro %}
