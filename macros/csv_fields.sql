{#
    The fields of one CSV line as a struct, for the catalogue files whose names may be
    quoted ("Yogurt, Greek ""Plain""", with commas and doubled quotes). A line that is not
    exactly len(names) well-formed fields gives null, so the caller sets it aside as
    malformed_line instead of letting a stray quote run into the next lines.
    Quoted fields are unquoted (outer quotes off, "" back to ").
#}
{% macro csv_fields(line, names) -%}
    {%- set field = '("(?:[^"]|"")*"|[^,"]*)' -%}
    {%- set pattern = ([field] * (names | length)) | join(',') -%}
    case when regexp_full_match({{ line }}, '{{ pattern }}') then struct_pack(
        {%- for name in names %}
        {{ name }} := {{ csv_unquote("regexp_extract(" ~ line ~ ", '^" ~ pattern ~ "$', " ~ loop.index ~ ")") }}{{ "," if not loop.last }}
        {%- endfor %}
    ) end
{%- endmacro %}
