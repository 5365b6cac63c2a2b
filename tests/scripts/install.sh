#!/bin/sh
# make install's tree: executables, library, headers, pkg-config file, man
# page, schema and dictionaries; a program built against the installed
# library through pkg-config runs; the installed dipx-normalize works with
# the installed dictionaries.
. "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$TESTS")
cmake --install "$BUILD" --prefix "$WORK/inst" >"$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; fail "cmake --install"; finish; }
for f in bin/dipx-normalize include/dipx/stream.h share/man/man1/dipx-normalize.1 \
         share/dipx/schema/stream.rng share/dipx/dictionaries/common/fold.tsv; do
    [ -f "$WORK/inst/$f" ] || fail "not installed: $f"
done
pc=$(find "$WORK/inst" -name dipx.pc | head -1)
[ -n "$pc" ] || fail "no dipx.pc"
ls "$WORK/inst"/lib*/cmake/dipx/dipxConfig.cmake >/dev/null 2>&1 ||
    ls "$WORK/inst"/lib/*/cmake/dipx/dipxConfig.cmake >/dev/null 2>&1 ||
    fail "no CMake package config"
cat >"$WORK/use.c" <<'C'
#include <stdio.h>
#include <dipx/utf8.h>
int main(void) { printf("%zu\n", dipx_utf8_count("\xd0\x96x", 3)); return 0; }
C
export PKG_CONFIG_PATH="$(dirname "$pc")"
# A library built with sanitizers (make check-asan) needs them in its user.
san=""
if ldd "$(pkg-config --variable=libdir dipx)/libdipx.so" 2>/dev/null |
    grep -q libasan; then
    san="-fsanitize=address,undefined"
fi
# shellcheck disable=SC2046
cc $san -o "$WORK/use" "$WORK/use.c" $(pkg-config --cflags --libs dipx) \
    -Wl,-rpath,"$(pkg-config --variable=libdir dipx)" ||
    fail "cannot build against the installed library"
[ "$("$WORK/use")" = 2 ] || fail "program linked to libdipx gave a wrong answer"
DIPX_DICT_PATH="$WORK/inst/share/dipx/dictionaries" \
    "$WORK/inst/bin/dipx-normalize" "$SRC/corpus/seeds/mfa-first-committee-vote.txt" \
    >"$WORK/out.xml" || fail "installed dipx-normalize exited $?"
valid "$WORK/out.xml"
finish
