#!/bin/sh
# Output that cannot be written: exit 2 and a message, and with -o no file
# left behind.  Inputs that cannot be read: a message naming them, exit 1,
# and the other inputs still written.
. "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 2
seed=corpus/seeds/mfa-first-committee-vote.txt

"$BIN/dipx-normalize" "$seed" >/dev/full 2>"$WORK/err"
rc=$?
[ "$rc" -eq 2 ] || fail "stdout on /dev/full: exit $rc, expected 2"
grep -q 'write error' "$WORK/err" || fail "no write error message"

mkdir "$WORK/ro"
"$BIN/dipx-normalize" -o "$WORK/ro/out.xml" "$seed" 2>"$WORK/err" ||
    fail "-o into a directory: exit $?"
[ -s "$WORK/ro/out.xml" ] || fail "-o wrote nothing"
ls "$WORK/ro" | grep -q tmp && fail "-o left a temporary file"
"$BIN/dipx-normalize" -o "$WORK/none/out.xml" "$seed" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 2 ] || fail "-o into a missing directory: exit $rc, expected 2"
grep -q "$WORK/none/out.xml" "$WORK/err" || fail "-o error names no file"

"$BIN/dipx-normalize" missing.txt "$seed" /proc/self/mem \
    >"$WORK/out.xml" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] || fail "missing/unreadable inputs: exit $rc, expected 1"
grep -q '^dipx-normalize: missing.txt: No such file' "$WORK/err" ||
    fail "missing file not reported: $(cat "$WORK/err")"
grep -q '^dipx-normalize: /proc/self/mem: ' "$WORK/err" ||
    fail "unreadable file not reported: $(cat "$WORK/err")"
[ "$(grep -c '<doc ' "$WORK/out.xml")" -eq 1 ] ||
    fail "the good input lost its output"
valid "$WORK/out.xml"
finish
