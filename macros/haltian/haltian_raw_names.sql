{% macro haltian_raw_names(row, family) -%}
    {#- The spellings to look for in one exporter's files: its own name first, then the other
        exporter's (renames have been seen in both directions during migrations). -#}
    {%- set own = row[family ~ '_column'] -%}
    {%- set other = row[('v1' if family == 'legacy' else 'legacy') ~ '_column'] -%}
    {%- set names = [] -%}
    {%- for name in [own, other] if name and name not in names -%}{%- do names.append(name) -%}{%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
