{#-
    true when this invocation is a full dbt build: every model, seed and test of the project
    (no --select, --exclude or --selector; leaving out a resource type, as the weekly build
    leaves out unit tests, still builds every table). Only a full build's outcome can vouch
    for every mart; a partial one rebuilds some and leaves the rest as they were.
-#}
{% macro is_full_build() -%}
    {%- set args = invocation_args_dict -%}
    {{- 'true' if flags.WHICH == 'build' and not args.get('select') and not args.get('exclude')
        and not args.get('selector') else 'false' -}}
{%- endmacro %}
