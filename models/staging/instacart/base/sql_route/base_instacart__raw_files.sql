-- The SQL route to base_instacart__raw_files, for engines that run no Python models
-- (Spark's session method): one row per input file, where it is, its size and its lines,
-- counted from the text source (a line ends at LF, CRLF or a lone CR, as there) rather
-- than byte by byte. The folder is listed before the query (binaryFile, no file read);
-- a missing (required), doubled or empty file, or a header that is not the Instacart one,
-- puts one message on every row, and the post-hook (YAML) stops the build with it; an
-- optional file (annotations.csv) that is absent has no row. Differences
-- from the Python model: a missing data folder stops the build with Spark's own message,
-- and a compressed or UTF-16 file under a .csv name is named by its wrong header.
{%- set data_dir = var('data_dir', env_var('INSTACART_DATA_DIR', 'data/raw')) -%}
{#- The folder and a slash as a Spark string literal, for the messages: a folder's name may hold quotes. -#}
{%- set folder_literal = "'" ~ ((data_dir ~ '/') | replace("\\", "\\\\") | replace("'", "\\'")) ~ "'" -%}
{%- set how_to_fix = "Put the six Instacart CSVs there, point INSTACART_DATA_DIR (or --vars 'data_dir: ...') at the folder that has them, or run `make data` to generate them." -%}
{%- set expected = [] -%}
{%- set required = [] -%}
{%- set found = {} -%}
{%- set problem = [] -%}
{%- if execute -%}
    {%- set seed_rows = run_query("select file_key, is_required from " ~ ref('instacart_files') ~ " order by sort_order") -%}
    {%- for row in seed_rows.rows %}{% do expected.append(row[0]) %}{% if row[1] %}{% do required.append(row[0]) %}{% endif %}{% endfor -%}
    {%- set listing = run_query("select path, length from binaryFile.`" ~ (data_dir | replace('`', '``')) ~ "`") -%}
    {%- set in_folder = {} -%}
    {%- for row in listing.rows %}{% do in_folder.update({row[0].split('/')[-1]: row}) %}{% endfor -%}
    {%- set missing = [] -%}
    {%- for key in expected -%}
        {%- set plain, packed = in_folder.get(key ~ '.csv'), in_folder.get(key ~ '.csv.gz') -%}
        {%- if plain and packed and not problem -%}
            {%- do problem.append("Data folder '" ~ data_dir ~ "' holds both " ~ key ~ ".csv and " ~ key ~ ".csv.gz; keep one of them.") -%}
        {%- elif plain or packed -%}
            {%- do found.update({key: plain or packed}) -%}
        {%- elif key in required -%}
            {%- do missing.append(key ~ '.csv') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not problem and (required | select('in', found) | list | length) == 0 -%}
        {%- do problem.append("Data folder '" ~ data_dir ~ "' does not exist or holds none of the Instacart files (" ~ (required | join('.csv, ')) ~ ".csv). " ~ how_to_fix) -%}
    {%- elif not problem and missing -%}
        {%- do problem.append("Missing file(s) in data folder '" ~ data_dir ~ "': " ~ (missing | join(', ')) ~ ". " ~ how_to_fix) -%}
    {%- endif -%}
    {%- for key in expected if not problem and key in found and found[key][1] == 0 -%}
        {%- do problem.append("File '" ~ data_dir ~ "/" ~ found[key][0].split('/')[-1] ~ "' is empty (0 bytes); it should start with the Instacart header. Replace it with a complete export.") -%}
    {%- endfor -%}
{%- endif %}

with expected_files as (
    select
        file_key,
        sort_order,
        split(header, ',') as header_columns,
        optional_last_column,
        is_required
    from {{ ref('instacart_files') }}
),

{% if execute and not problem %}
    lines as (
        {%- for key in expected if key in found %}
            select
                '{{ key }}' as file_key,
                '{{ found[key][0] | replace("'", "\\'") }}' as file_path,
                cast({{ found[key][1] }} as bigint) as file_bytes,
                value,
                monotonically_increasing_id() as line_position
            from text.`{{ found[key][0] | replace('`', '``') }}`
            {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    ),

    counted as (
        select
            file_key,
            any_value(file_path) as file_path,
            any_value(file_bytes) as file_bytes,
            count(*) as lines,
            count_if(value = '') as blank_lines,
            count_if(line_position > 0 and octet_length(value) > {{ var('raw_line_max_bytes') | int }}) as long_lines,
            min(case when value = '' then line_position end) as first_blank_position,
            min_by(value, line_position) as header_line
        from lines
        group by file_key
    ),

    blank_placed as (
        select
            counted.file_key,
            count_if(lines.line_position < counted.first_blank_position) + 1 as first_blank_line
        from counted
        inner join lines
            on counted.file_key = lines.file_key
        where counted.first_blank_position is not null
        group by counted.file_key
    ),

    headers as (
        select
            counted.*,
            blank_placed.first_blank_line,
            expected_files.sort_order,
            expected_files.header_columns,
            expected_files.optional_last_column,
            expected_files.is_required,
            regexp_replace(counted.header_line, '^\uFEFF', '') as header_text,
            transform(
                split(regexp_replace(counted.header_line, '^\uFEFF', ''), ',', -1),
                column_name -> lower(trim(both '"' from trim(column_name)))
            ) as actual_columns
        from counted
        inner join expected_files
            on counted.file_key = expected_files.file_key
        left join blank_placed
            on counted.file_key = blank_placed.file_key
    ),

    checked as (
        select
            *,
            coalesce(
                optional_last_column is not null
                and actual_columns = concat(header_columns, array(optional_last_column)),
                false
            ) as has_order_date,
            lines - 1 as data_lines,
            regexp_extract(file_path, '[^/]*$', 0) as source_file
        from headers
    ),

    judged as (
        select
            *,
            case
                -- No column of the header: the first line is data, which a message must not show.
                when not has_order_date and actual_columns <> header_columns
                    and size(array_intersect(actual_columns, concat(header_columns, array(coalesce(optional_last_column, ''))))) = 0
                    then concat(
                        'File \'', {{ folder_literal }}, source_file, '\' does not start with the header \'',
                        array_join(header_columns, ','),
                        coalesce(concat(' (optionally followed by ,', optional_last_column, ')'), ''),
                        '\': its first line has none of those columns (a file without its header line, or another file)',
                        case
                            when is_required then concat('. Check that this is the Instacart ', file_key, '.csv export.')
                            else concat('. Write that header as the file\'s first line, or remove ', source_file, ' (it is optional).')
                        end
                    )
                when not has_order_date and actual_columns <> header_columns
                    then concat(
                        'File \'', {{ folder_literal }}, source_file, '\' has the header \'',
                        case when length(header_text) > 200 then concat(left(header_text, 200), '...') else header_text end,
                        '\', expected \'',
                        array_join(header_columns, ','),
                        coalesce(concat(' (optionally followed by ,', optional_last_column, ')'), ''), '\'',
                        case when size(array_except(header_columns, actual_columns)) > 0
                            then concat('; missing columns: ', array_join(array_except(header_columns, actual_columns), ', '))
                            else ''
                        end,
                        case when size(array_except(actual_columns, concat(header_columns, array(coalesce(optional_last_column, ''))))) > 0
                            then concat('; unexpected columns: ', array_join(array_except(actual_columns, concat(header_columns, array(coalesce(optional_last_column, '')))), ', '))
                            else ''
                        end,
                        case when size(array_except(header_columns, actual_columns)) = 0
                            and size(array_except(actual_columns, concat(header_columns, array(coalesce(optional_last_column, ''))))) = 0
                            then '; same columns in another order'
                            else ''
                        end,
                        case
                            when is_required then concat('. Check that this is the Instacart ', file_key, '.csv export.')
                            else concat('. Write that header as the file\'s first line, or remove ', source_file, ' (it is optional).')
                        end
                    )
                when is_required and data_lines - blank_lines <= 0
                    then concat(
                        'File \'', {{ folder_literal }}, source_file, '\' has no data rows (only \'', header_text,
                        '\'). Replace it with a complete export.'
                    )
            end as file_problem
        from checked
    )

    select
        file_key,
        source_file,
        file_path,
        cast(file_bytes as bigint) as file_bytes,
        cast(data_lines as bigint) as data_lines,
        cast(blank_lines as bigint) as blank_lines,
        cast(first_blank_line as bigint) as first_blank_line,
        has_order_date,
        cast(long_lines as bigint) as long_lines,
        cast(null as array<string>) as long_line_values,
        min_by(file_problem, case when file_problem is not null then sort_order end) over () as problem
    from judged
{% else %}
    placeholder as (
        select 1 as placeholder_column
    )

    select
        file_key,
        cast(null as string) as source_file,
        cast(null as string) as file_path,
        cast(null as bigint) as file_bytes,
        cast(null as bigint) as data_lines,
        cast(null as bigint) as blank_lines,
        cast(null as bigint) as first_blank_line,
        cast(null as boolean) as has_order_date,
        cast(null as bigint) as long_lines,
        cast(null as array<string>) as long_line_values,
        '{{ (problem[0] if problem else "not listed yet") | replace("'", "\\'") }}' as problem
    from expected_files
    cross join placeholder
{% endif %}
