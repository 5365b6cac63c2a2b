#!/bin/sh
# Generated large inputs (never committed): a 100 MB single line, a 20 MB
# line without any space, and a 64 KiB run of combining marks.  Each must
# be normalized in parts or in linear time, and round trip exactly.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 2

# 100 MB of text on one line: parts of at most 8 MB, cut at spaces.
yes 'The First Committee approved draft A/C.1/73/L.27/Rev.1 by 109 votes –' |
    tr -d '\n' | head -c 100000000 >line.txt
"$BIN/dipx-normalize" line.txt >line.xml || fail "100 MB line: exit $?"
parts=$(grep -c '<doc ' line.xml)
[ "$parts" -ge 12 ] || fail "100 MB line gave $parts parts, expected >= 12"
grep -q 'part="1/' line.xml || fail "100 MB line: no part attribute"
"$TESTS/dipx-roundtrip" line.xml || fail "100 MB line: round trip"

# 20 MB without a space: cut at UTF-8 boundaries.
yes 'Ж' | tr -d '\n' | head -c 20000000 >nospace.txt
"$BIN/dipx-normalize" --max-doc-bytes 3M nospace.txt >nospace.xml ||
    fail "no-space line: exit $?"
"$TESTS/dipx-roundtrip" nospace.xml || fail "no-space line: round trip"
valid nospace.xml

# 64 KiB of U+0301 after one letter: stream-safe CGJs keep it linear.
{ printf 'e'; yes "$(printf '\314\201')" | tr -d '\n' | head -c 65536; } \
    >marks.txt
"$BIN/dipx-normalize" marks.txt >marks.xml || fail "combining run: exit $?"
"$TESTS/dipx-roundtrip" marks.xml || fail "combining run: round trip"
cgj=$(grep -o "$(printf '\315\217')" marks.xml | wc -l)
[ "$cgj" -ge 1000 ] || fail "combining run: $cgj CGJs, expected >= 1000"
valid marks.xml

# Pathological inputs that once took quadratic time or made tags no reader
# takes: characters whose decomposition is all non-starters (U+0F73), a
# run of 200,000 dots, 3 MB of control characters.
{ printf 'a'; yes "$(printf '\340\275\263')" | tr -d '\n' | head -c 120000; } \
    >tibetan.txt
{ printf 'x '; yes . | tr -d '\n' | head -c 200000; printf ' and on\n'; } >dots.txt
{ printf 'Hello there. '; head -c 3000000 /dev/zero | tr '\0' '\001'; \
  printf ' world.\n'; } >controls.txt
for f in tibetan dots controls; do
    timeout 60 "$BIN/dipx-normalize" "$f.txt" >"$f.xml" 2>/dev/null
    rc=$?
    [ "$rc" -le 1 ] || fail "$f: exit $rc"
    "$TESTS/dipx-roundtrip" "$f.xml" || fail "$f: round trip"
    timeout 60 "$BIN/dipx-symbols" <"$f.xml" >/dev/null ||
        fail "$f: the stream is not readable by the next stage"
done
finish
