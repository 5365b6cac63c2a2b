# dipx_target_warnings(TARGET): the project's warning set, -Werror in CI.
add_library(dipx_warnings INTERFACE)
target_compile_options(dipx_warnings INTERFACE
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wpointer-arith -Wcast-qual -Wwrite-strings -Wformat=2
    -Wundef -Wvla -Wnull-dereference -Wimplicit-fallthrough
    $<$<BOOL:${DIPX_WERROR}>:-Werror>)
function(dipx_target_warnings target)
    target_link_libraries(${target} PRIVATE dipx_warnings)
endfunction()
