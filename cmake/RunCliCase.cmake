# Runs one golden CLI case (STYLE.md 18): PROG with the arguments in
# CASE.args, standard input from CASE.in (else /dev/null), in CASE's
# directory; compares stdout with CASE.out, stderr with CASE.err and the
# exit status with CASE.rc (0 when missing).  Layer digests
# (dict="sha256:...") are masked, so a dictionary edit does not touch every
# case.  A stdout that is a stream is validated against SCHEMA (a dipx-eval
# report against eval.rng beside it).
# With DIPX_REGEN=1 in the environment the expected files are rewritten.
get_filename_component(dir "${CASE}" DIRECTORY)
file(READ "${CASE}.args" args)
string(STRIP "${args}" args)
separate_arguments(args UNIX_COMMAND "${args}")
set(input /dev/null)
if(EXISTS "${CASE}.in")
    set(input "${CASE}.in")
endif()
execute_process(COMMAND "${PROG}" ${args}
    WORKING_DIRECTORY "${dir}"
    INPUT_FILE "${input}"
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
set(raw_out "${out}")
string(REGEX REPLACE "dict=\"sha256:[0-9a-f]+\"" "dict=\"sha256:*\"" out "${out}")
set(want_rc 0)
if(EXISTS "${CASE}.rc")
    file(READ "${CASE}.rc" want_rc)
    string(STRIP "${want_rc}" want_rc)
endif()
if("$ENV{DIPX_REGEN}" STREQUAL "1")
    file(WRITE "${CASE}.out" "${out}")
    file(WRITE "${CASE}.err" "${err}")
    file(WRITE "${CASE}.rc" "${rc}\n")
    return()
endif()
set(failed "")
if(NOT "${rc}" STREQUAL "${want_rc}")
    string(APPEND failed "exit status ${rc}, expected ${want_rc}\n")
endif()
foreach(stream out err)
    set(want "")
    if(EXISTS "${CASE}.${stream}")
        file(READ "${CASE}.${stream}" want)
    endif()
    if(NOT "${${stream}}" STREQUAL "${want}")
        string(APPEND failed "std${stream} differs:\n--- expected\n${want}\n--- got\n${${stream}}\n")
    endif()
endforeach()
# A dipx-eval report has its own schema, next to the stream's.
set(schema "${SCHEMA}")
if(out MATCHES "^<\\?xml[^>]*>[ \n]*<eval ")
    get_filename_component(schema_dir "${SCHEMA}" DIRECTORY)
    set(schema "${schema_dir}/eval.rng")
endif()
if(out MATCHES "^<\\?xml" AND EXISTS "${schema}")
    file(WRITE "${TMP}" "${raw_out}")
    execute_process(COMMAND "${XMLLINT}" --noout --relaxng "${schema}"
        "${TMP}" RESULT_VARIABLE vrc ERROR_VARIABLE verr)
    file(REMOVE "${TMP}")
    if(NOT vrc EQUAL 0)
        string(APPEND failed "stdout does not validate:\n${verr}\n")
    endif()
endif()
if(failed)
    message(FATAL_ERROR "${CASE}:\n${failed}")
endif()
