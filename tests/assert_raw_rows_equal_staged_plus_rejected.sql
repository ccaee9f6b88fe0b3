-- Every raw row ends up staged or set aside, never both, never lost: per file,
-- raw rows = staged rows + rejected rows. The smaller files are counted again straight
-- from the CSVs, by their lines (a read that parses them leaves out the lines it cannot
-- parse); the two order-lines files are read once per build (in
-- base_instacart__order_lines), and pytest checks those against the files' line counts.
with raw_counts as (
    {% for file_name in ['orders.csv', 'products.csv', 'aisles.csv', 'departments.csv'] %}
    select '{{ file_name }}' as source_file, {{ instacart_file_data_lines(file_name) }} as raw_rows
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    quality.source_file,
    quality.raw_rows,
    raw_counts.raw_rows as rows_in_file,
    quality.staged_rows,
    quality.rejected_rows,
from {{ ref('fct_data_quality') }} as quality
left join raw_counts
    on quality.source_file = raw_counts.source_file
where quality.raw_rows <> quality.staged_rows + quality.rejected_rows
    or quality.raw_rows <> coalesce(raw_counts.raw_rows, quality.raw_rows)
