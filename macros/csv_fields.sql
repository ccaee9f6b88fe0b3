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
    {%- set values = [] -%}
    {%- for name in names -%}
        {%- do values.append(csv_unquote("regexp_extract(" ~ line ~ ", '^" ~ pattern ~ "$', " ~ loop.index ~ ")")) -%}
    {%- endfor %}
    case when {{ full_match(line, "'" ~ pattern ~ "'") }} then {{ make_struct(names, values) }} end
{%- endmacro %}
