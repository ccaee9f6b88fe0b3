-- The SQL route to base_instacart__generation, for engines that run no Python models
-- (Spark's session method): the data folder as given and, when it holds generation.json,
-- the generator's seed, users, dates, steadiness and planted week, read from the file's
-- bytes (binaryFile) as JSON. The folder is listed before the query. Differences from the
-- Python model: a value of the wrong kind is null rather than named, and a file that is
-- no JSON object gives the row with its values null and a shorter message.
{%- set data_dir = var('data_dir', env_var('INSTACART_DATA_DIR', 'data/raw')) -%}
{%- set data_dir_literal = "'" ~ (data_dir | replace("\\", "\\\\") | replace("'", "\\'")) ~ "'" -%}
{%- set found = namespace(path=none) -%}
{%- if execute -%}
    {%- set listing = run_query("select path from binaryFile.`" ~ (data_dir | replace('`', '``')) ~ "`") -%}
    {%- for row in listing.rows if row[0].split('/')[-1] == 'generation.json' %}{% set found.path = row[0] %}{% endfor -%}
{%- endif -%}
{%- set generation_path = found.path %}

{% if generation_path %}
    with generation_file as (
        select cast(decode(content, 'UTF-8') as string) as json_text
        from binaryFile.`{{ generation_path | replace('`', '``') }}`
    )

    select
        {{ data_dir_literal }} as data_dir,
        true as is_generated,
        try_cast(get_json_object(json_text, '$.seed') as bigint) as generation_seed,
        try_cast(get_json_object(json_text, '$.users') as bigint) as generated_users,
        try_cast(get_json_object(json_text, '$.dated') as boolean) as is_dated,
        try_cast(get_json_object(json_text, '$.end_date') as date) as generation_end_date,
        try_cast(get_json_object(json_text, '$.steady') as boolean) as is_steady,
        try_cast(get_json_object(json_text, '$.planted_change.week_start') as date) as planted_change_week_start,
        case
            when get_json_object(json_text, '$') is null
                then concat(
                    'File \'', {{ data_dir_literal }}, '/generation.json',
                    '\' cannot be read as the generator writes it (no JSON object); the data is taken as generated, ',
                    'with nothing known of how. Generate the data again (scripts/generate_data.py --force), ',
                    'or remove generation.json if the files are not generated.'
                )
        end as generation_problem
    from generation_file
{% else %}
    select
        {{ data_dir_literal }} as data_dir,
        false as is_generated,
        cast(null as bigint) as generation_seed,
        cast(null as bigint) as generated_users,
        cast(null as boolean) as is_dated,
        cast(null as date) as generation_end_date,
        cast(null as boolean) as is_steady,
        cast(null as date) as planted_change_week_start,
        cast(null as string) as generation_problem
{% endif %}
