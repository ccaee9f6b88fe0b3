{#
    The CSV records of one raw file with text fields (products, aisles, departments), as CSV
    means them: a quoted field may hold line ends, so a record may run over several lines.
    One row per record: its text (its lines joined by a line feed) and source_lines, the
    lines it was read from. Every line read belongs to one record, so every line stays
    accounted for (fct_data_quality counts the lines after a record's first as
    continuation_lines).
    A line with an odd number of quotes opens a quoted field and the next such line closes
    it. The lines from one to the other become one record only when they are at most var
    csv_record_max_lines lines and make exactly the file's fields, well quoted; and the
    first does not itself close such a record. Anything else stays one record per line, so
    a stray quote still sets aside its own line only. Blank lines are not read (they are
    counted): a blank line inside a quoted field leaves one line end in the text.
#}
{% macro csv_records(file_key, names) -%}
    {%- set max_lines = var('csv_record_max_lines') | int -%}
(
    with numbered_lines as (
        select
            raw_lines.line,
            raw_lines.line_number,
            (length(raw_lines.line) - length(replace(raw_lines.line, '"', ''))) % 2 = 1 as has_odd_quotes
        from {{ instacart_raw_lines(file_key, numbered=true) }} as raw_lines
    ),

    odd_lines as (
        select
            line_number,
            lead(line_number) over (order by line_number) as next_odd_line_number
        from numbered_lines
        where has_odd_quotes
    ),

    following_lines as (
        select
            line_number,
            line
            {%- for offset in range(1, max_lines) %},
            lead(line, {{ offset }}) over (order by line_number) as line_{{ offset }}
            {%- endfor %}
        from numbered_lines
    ),

    spans as (
        select
            odd_lines.line_number as first_line_number,
            odd_lines.next_odd_line_number as last_line_number,
            concat_ws(
                chr(10),
                following_lines.line
                {%- for offset in range(1, max_lines) %},
                case
                    when odd_lines.next_odd_line_number - odd_lines.line_number >= {{ offset }}
                        then following_lines.line_{{ offset }}
                end
                {%- endfor %}
            ) as record
        from odd_lines
        inner join following_lines
            on odd_lines.line_number = following_lines.line_number
        where odd_lines.next_odd_line_number - odd_lines.line_number < {{ max_lines }}
    ),

    checked_spans as (
        select
            first_line_number,
            last_line_number,
            record,
            {{ csv_fields('record', names) }} is not null as is_record
        from spans
    ),

    record_spans as (
        select
            checked.first_line_number,
            checked.last_line_number,
            checked.record
        from checked_spans as checked
        left join checked_spans as previous
            on checked.first_line_number = previous.last_line_number
                and previous.is_record
        where checked.is_record
            and previous.first_line_number is null
    ),

    spanned_lines as (
        select numbered_lines.line_number
        from numbered_lines
        inner join record_spans
            on numbered_lines.line_number between record_spans.first_line_number and record_spans.last_line_number
    )

    select
        record as line,
        cast(last_line_number - first_line_number + 1 as integer) as source_lines
    from record_spans
    union all
    select
        numbered_lines.line,
        cast(1 as integer) as source_lines
    from numbered_lines
    left join spanned_lines
        on numbered_lines.line_number = spanned_lines.line_number
    where spanned_lines.line_number is null
)
{%- endmacro %}
