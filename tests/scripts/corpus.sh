#!/bin/sh
# Every shipped document through dipx-normalize: the stream validates, the
# offsets round trip rebuilds every source byte, and the reader and writer
# copy the stream byte for byte.
. "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 2
"$BIN/dipx-normalize" --root corpus corpus >"$WORK/corpus.xml" ||
    fail "dipx-normalize corpus exited $?"
n=$(find corpus -name '*.txt' | wc -l)
docs=$(grep -c '<doc ' "$WORK/corpus.xml")
[ "$docs" -eq "$n" ] || fail "$n files gave $docs documents"
valid "$WORK/corpus.xml"
"$TESTS/dipx-roundtrip" "$WORK/corpus.xml" || fail "round trip"
# The extraction stages that exist, chained as a user chains them.
"$BIN/dipx-symbols" <"$WORK/corpus.xml" >"$WORK/symbols.xml" ||
    fail "dipx-symbols exited $?"
valid "$WORK/symbols.xml"
# The founding example: both resolutions with their titles in the article,
# the title-only draft in the press release.
for want in 'canonical="A/RES/73/27"' 'canonical="A/RES/73/266"' \
    'series="developments-in-the-field-of-information-and-telecommunications-in-the-context-of-international-security"' \
    'series="advancing-responsible-state-behavior-in-cyberspace-in-the-context-of-international-security"'; do
    grep -q "$want" "$WORK/symbols.xml" || fail "seeds: no $want"
done
awk '/<doc id="seeds\/mfa-first-committee-vote"/,/<\/doc>/' "$WORK/symbols.xml" |
    grep -q '<title id="t1"' || fail "press release: the title-only draft"
"$BIN/dipx-votes" <"$WORK/symbols.xml" >"$WORK/votes.xml" ||
    fail "dipx-votes exited $?"
valid "$WORK/votes.xml"
# The founding example's figures, each tied to its subject and body.
for want in 'mode="recorded" body="GA" subj="s3" ref="A/RES/73/27" yes="109" no="46" abstain="14"' \
    'mode="recorded" body="GA" subj="s5" ref="A/RES/73/266" yes="139" no="11" abstain="16"' \
    'ref="A/RES/73/27" count="32" lead="Russia" total="33"' \
    'ref="A/RES/73/266" count="35" lead="the United States" total="36"' \
    'mode="support" body="C1" subj="t1"' 'count="30" qualifier="More than"'; do
    grep -q "$want" "$WORK/votes.xml" || fail "seeds: no vote $want"
done
[ "$(awk '/<doc id="seeds\/riac-two-resolutions"/,/<\/doc>/' "$WORK/votes.xml" |
    grep -c '<vote ')" -eq 2 ] || fail "the article's rating line was taken as a vote"
"$TESTS/dipx-roundtrip" --copy <"$WORK/corpus.xml" >"$WORK/copy.xml" ||
    fail "copy exited $?"
cmp -s "$WORK/corpus.xml" "$WORK/copy.xml" ||
    fail "reader + writer changed the stream"
# Two roots in one input read as one corpus.
cat "$WORK/corpus.xml" "$WORK/corpus.xml" |
    "$TESTS/dipx-roundtrip" --copy >"$WORK/twice.xml" ||
    fail "two concatenated streams"
[ "$(grep -c '<doc ' "$WORK/twice.xml")" -eq $((2 * n)) ] ||
    fail "two concatenated streams lost documents"
# Determinism: the same input gives the same bytes.
"$BIN/dipx-normalize" --root corpus corpus >"$WORK/again.xml"
cmp -s "$WORK/corpus.xml" "$WORK/again.xml" || fail "output not deterministic"
finish
