{% macro glob_regex(pattern) -%}
    {#- A file glob (`**/`, `*`, `?`, `{a,b}`) as an anchored regular expression over paths. -#}
    {%- set ns = namespace(rest=pattern, depth=0, out='^') -%}
    {%- for _ in range(pattern | length) if ns.rest -%}
        {%- set head = ns.rest[0] -%}
        {%- if ns.rest.startswith('**/') -%}
            {%- set ns.out = ns.out ~ '(.*/)?' -%}{%- set ns.rest = ns.rest[3:] -%}
        {%- else -%}
            {%- set ns.rest = ns.rest[1:] -%}
            {%- if head == '*' -%}{%- set ns.out = ns.out ~ '[^/]*' -%}
            {%- elif head == '?' -%}{%- set ns.out = ns.out ~ '[^/]' -%}
            {%- elif head == '{' -%}{%- set ns.out = ns.out ~ '(' -%}{%- set ns.depth = ns.depth + 1 -%}
            {%- elif head == '}' and ns.depth > 0 -%}
                {%- set ns.out = ns.out ~ ')' -%}{%- set ns.depth = ns.depth - 1 -%}
            {%- elif head == ',' and ns.depth > 0 -%}{%- set ns.out = ns.out ~ '|' -%}
            {%- else -%}{%- set ns.out = ns.out ~ modules.re.escape(head) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(ns.out ~ '$') -}}
{%- endmacro %}
