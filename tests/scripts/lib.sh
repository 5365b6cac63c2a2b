# lib.sh - shared by the scripted tests: where things are, and failing.
set -u
SRC=${DIPX_SOURCE_DIR:?run through ctest}
BIN=${DIPX_BIN:?run through ctest}
TESTS=${DIPX_TESTS:?run through ctest}
SCHEMA=$SRC/pipeline/schema/stream.rng
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dipx-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
    exit 0
}

# valid FILE: the stream validates against the schema.
valid() {
    "$XMLLINT" --noout --relaxng "$SCHEMA" "$1" 2>"$WORK/xmllint.err" ||
        fail "$1 does not validate: $(head -3 "$WORK/xmllint.err")"
}
