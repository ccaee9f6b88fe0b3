-- Warns when the data folder holds a generation.json that cannot be read: the data is then
-- taken as generated with nothing known of how. The failure names the file and what to do.
{{ config(severity='warn') }}
select
    data_dir,
    generation_problem
from {{ ref('fct_data_source') }}
where generation_problem is not null
