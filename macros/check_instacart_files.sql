{#
    Stops the build with one clear message when the raw files cannot be read at all:
    no data folder (or none of the files in it), a missing file, an empty file, or a
    header that is not the Instacart one. Row-level problems are not fatal: staging
    sets those rows aside with a reason. Runs as an on-run-start hook.
#}
{% macro instacart_expected_headers() %}
    {{ return({
        'orders.csv': ['order_id', 'user_id', 'eval_set', 'order_number', 'order_dow', 'order_hour_of_day', 'days_since_prior_order'],
        'order_products__prior.csv': ['order_id', 'product_id', 'add_to_cart_order', 'reordered'],
        'order_products__train.csv': ['order_id', 'product_id', 'add_to_cart_order', 'reordered'],
        'products.csv': ['product_id', 'product_name', 'aisle_id', 'department_id'],
        'aisles.csv': ['aisle_id', 'aisle'],
        'departments.csv': ['department_id', 'department'],
    }) }}
{% endmacro %}

{% macro instacart_data_dir() %}
    {{ return(var('data_dir', env_var('INSTACART_DATA_DIR', 'data/raw'))) }}
{% endmacro %}

{% macro check_instacart_files() %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set data_dir = instacart_data_dir() %}
    {% set dir_literal = "'" ~ data_dir | replace("'", "''") %}
    {% set headers = instacart_expected_headers() %}
    {% set how_to_fix = "Put the six Instacart CSVs there, point INSTACART_DATA_DIR (or --vars 'data_dir: ...') at the folder that has them, or run `make data` to generate them." %}

    {% set found = run_query("select parse_filename(filename) as name, size from read_blob(" ~ dir_literal ~ "/*.csv')") %}
    {% set sizes = {} %}
    {% for row in found.rows %}{% do sizes.update({row[0]: row[1]}) %}{% endfor %}

    {% set missing = [] %}
    {% for name in headers %}{% if name not in sizes %}{% do missing.append(name) %}{% endif %}{% endfor %}
    {% if missing | length == headers | length %}
        {% do exceptions.raise_compiler_error(
            "Data folder '" ~ data_dir ~ "' does not exist or holds none of the Instacart files ("
            ~ headers | join(', ') ~ "). " ~ how_to_fix) %}
    {% elif missing %}
        {% do exceptions.raise_compiler_error(
            "Missing file(s) in data folder '" ~ data_dir ~ "': " ~ missing | join(', ') ~ ". " ~ how_to_fix) %}
    {% endif %}

    {% for name, expected in headers.items() %}
        {% if sizes[name] == 0 %}
            {% do exceptions.raise_compiler_error(
                "File '" ~ data_dir ~ "/" ~ name ~ "' is empty (0 bytes); it should start with the header "
                ~ expected | join(',') ~ ". Replace it with a complete export.") %}
        {% endif %}
        {# The first two lines, each as one value: a delimiter that never occurs, no quoting,
           one reader thread so "first" means first. #}
        {% set first_line = run_query(
            "select header_line from read_csv(" ~ dir_literal ~ "/" ~ name ~ "', header = false, auto_detect = false,"
            ~ " delim = chr(1), quote = '', escape = '', parallel = false, columns = {'header_line': 'VARCHAR'}) limit 2") %}
        {% set line = first_line.rows[0][0] if first_line.rows | length > 0 else '' %}
        {% if first_line.rows | length < 2 %}
            {% do exceptions.raise_compiler_error(
                "File '" ~ data_dir ~ "/" ~ name ~ "' has no data rows (only '" ~ line ~ "'). Replace it with a complete export.") %}
        {% endif %}
        {% set actual = [] %}
        {% for column in (line or '').split(',') %}{% do actual.append(column | trim | trim('"') | lower) %}{% endfor %}
        {% if actual != expected %}
            {% set absent = [] %}{% set extra = [] %}
            {% for column in expected %}{% if column not in actual %}{% do absent.append(column) %}{% endif %}{% endfor %}
            {% for column in actual %}{% if column not in expected %}{% do extra.append(column) %}{% endif %}{% endfor %}
            {% do exceptions.raise_compiler_error(
                "File '" ~ data_dir ~ "/" ~ name ~ "' has the header '" ~ line ~ "', expected '" ~ expected | join(',') ~ "'"
                ~ ("; missing columns: " ~ absent | join(', ') if absent else "")
                ~ ("; unexpected columns: " ~ extra | join(', ') if extra else "")
                ~ ("; same columns in another order" if not absent and not extra else "")
                ~ ". Check that this is the Instacart " ~ name ~ " export.") %}
        {% endif %}
    {% endfor %}
    {{ return('') }}
{% endmacro %}

{#
    The number of data lines in one raw file, counted without parsing it (each line read
    as one value, the header left out): a count that no reader's rejects can shrink. For
    files whose fields never hold a line break.
#}
{% macro instacart_file_data_lines(name) %}
    {%- set dir_literal = "'" ~ instacart_data_dir() | replace("'", "''") -%}
    (select count(*) - 1 from read_csv({{ dir_literal }}/{{ name }}', header = false, auto_detect = false,
        delim = chr(1), quote = '', escape = '', columns = {'whole_line': 'VARCHAR'}))
{%- endmacro %}
