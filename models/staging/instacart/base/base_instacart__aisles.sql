-- Every line of aisles.csv, one row each, with the reason it cannot be staged (null when
-- it can) and, on rows set aside, the line's text (macro catalogue_file_checked).
{{ config(
    pre_hook="{{ drop_csv_rejects('aisles') }}",
    post_hook={"sql": "{{ add_unreadable_rows(this, 'aisles') }}", "transaction": target.type == 'spark'},
) }}
-- depends_on: {{ ref('base_instacart__raw_files') }}
-- depends_on: {{ source('instacart', 'aisles') }}

{{ catalogue_file_checked('aisles', 'aisle') }}
