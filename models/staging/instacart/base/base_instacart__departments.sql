-- Every line of departments.csv, one row each, with the reason it cannot be staged (null when
-- it can) and, on rows set aside, the line's text (macro catalogue_file_checked).
{{ config(
    pre_hook="{{ drop_csv_rejects('departments') }}",
    post_hook={"sql": "{{ add_unreadable_rows(this, 'departments') }}", "transaction": target.type == 'spark'},
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'departments') }}

{{ catalogue_file_checked('departments', 'department') }}
