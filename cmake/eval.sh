#!/bin/sh
# eval.sh BIN GOLD [dipx-eval options...]: runs the stage chain on the
# sources of the gold documents under GOLD (as their source= attributes
# name them, relative to the source tree, where this runs) and scores the
# result with dipx-eval.  make eval and the gold test (make check) use it.
set -eu
bin=$1
gold=$2
shift 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dipx-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$bin/dipx-eval" --sources "$gold" > "$tmp/sources"
# The stages, in the order of DESIGN.md; one process each for the whole
# split, as a user would run them.
xargs -d '\n' "$bin/dipx-normalize" --root corpus < "$tmp/sources" |
    "$bin/dipx-symbols" | "$bin/dipx-votes" > "$tmp/pred.xml"
"$bin/dipx-eval" "$@" "$gold" "$tmp/pred.xml"
