{#-
    Post-hook of base_instacart__raw_files: stops the build with the one message the model
    wrote when the raw files cannot be read at all (the folder, a file, its encoding or
    its header), so the user reads that message and not a traceback.
-#}
{% macro stop_on_unreadable_files(relation) %}
select {{ raise_error('any_value(problem)') }} from {{ relation }} where problem is not null having count(*) > 0
{% endmacro %}
