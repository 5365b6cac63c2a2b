#!/bin/sh
# eval.sh BIN GOLD [dipx-eval options...]: runs the stage chain on the
# sources of the gold documents under GOLD (as their source= attributes
# name them, relative to the source tree, where this runs) and scores the
# result with dipx-eval.  make eval and the gold test (make check) use it.
# Each stage writes a file and its exit status is checked (sh has no
# pipefail): a stage that fails must not pass for a low score.
set -eu
bin=$1
gold=$2
shift 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dipx-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$bin/dipx-eval" --sources "$gold" > "$tmp/sources"
xargs -d '\n' "$bin/dipx-normalize" --root corpus -o "$tmp/0.xml" \
    < "$tmp/sources"
"$bin/dipx-symbols" -o "$tmp/1.xml" "$tmp/0.xml"
"$bin/dipx-votes" -o "$tmp/2.xml" "$tmp/1.xml"
"$bin/dipx-eval" "$@" "$gold" "$tmp/2.xml"
