{% macro landing_root() -%}
    {#- IOT_LANDING_DIR as an absolute path (relative values resolve against the project dir),
        so views keep working from any working directory. -#}
    {%- set configured = env_var('IOT_LANDING_DIR', 'data/landing') -%}
    {%- if configured.startswith('/') -%}
        {{- configured.rstrip('/') -}}
    {%- else -%}
        {{- (invocation_args_dict.get('project_dir') or '.').rstrip('/') ~ '/' ~ configured.rstrip('/') -}}
    {%- endif -%}
{%- endmacro %}
