{#- Forwarders for the macros that other iot_facts macros call without the package prefix.

    dbt resolves an unqualified macro name in the calling node's package and the root project,
    not in the package the calling macro comes from: installed as a package, state_intervals'
    call max_state_age_seconds(...) is undefined. Root-project macros are global, so these
    forwarders make the unqualified calls reach the package's own macro, unchanged. The tests
    call the package macros as iot_facts.<name>. Remove a forwarder once the main project
    qualifies its internal calls (iot_facts.<name>). -#}

{% macro events_to_intervals() %}{{ return(iot_facts.events_to_intervals(*varargs, **kwargs)) }}{% endmacro %}

{% macro split_intervals() %}{{ return(iot_facts.split_intervals(*varargs, **kwargs)) }}{% endmacro %}

{% macro max_state_age_seconds() %}{{ return(iot_facts.max_state_age_seconds(*varargs, **kwargs)) }}{% endmacro %}

{% macro to_local_time() %}{{ return(iot_facts.to_local_time(*varargs, **kwargs)) }}{% endmacro %}

{% macro is_business_hour() %}{{ return(iot_facts.is_business_hour(*varargs, **kwargs)) }}{% endmacro %}
