{% macro hash_of(expressions) -%}
    {#- A 64-bit hash of the values (change detection and signatures, compared only with hashes
        the same engine made). -#}
    {{- return(adapter.dispatch('hash_of', 'iot_facts')(expressions)) -}}
{%- endmacro %}

{% macro default__hash_of(expressions) -%}
    {{- return('hash(' ~ expressions | join(', ') ~ ')') -}}
{%- endmacro %}

{% macro spark__hash_of(expressions) -%}
    {#- hash() is 32-bit on Spark: too many collisions to detect changes by. -#}
    {{- return('xxhash64(' ~ expressions | join(', ') ~ ')') -}}
{%- endmacro %}
