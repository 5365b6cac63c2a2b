#!/bin/sh
# The gold corpus (corpus/gold/GUIDE.md): every gold file validates, holds
# one document named as its path says, anchored to a source that is still
# the one it was made from; dev and test do not share a document; the
# corpus is as large as the evaluation issue asks; and the stages on the
# test split stay above the floors of corpus/gold/floors.txt.
. "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 2
gold=corpus/gold
[ -f "$gold/floors.txt" ] || fail "no $gold/floors.txt"
find "$gold/dev" "$gold/test" -name '*.xml' | sort >"$WORK/files"
: >"$WORK/ids"
while read -r f; do
    valid "$f"
    split=$(echo "$f" | cut -d/ -f3)
    id=${f#"$gold/$split/"}
    id=${id%.xml}
    n=$(grep -c '<doc ' "$f")
    [ "$n" -eq 1 ] || fail "$f: $n documents, expected 1"
    grep -q "<doc id=\"$id\"" "$f" || fail "$f: the document's id is not $id"
    [ -f "corpus/$id.txt" ] || fail "$f: no source corpus/$id.txt"
    echo "$id" >>"$WORK/ids"
done <"$WORK/files"
dups=$(sort "$WORK/ids" | uniq -d)
[ -z "$dups" ] || fail "in both splits: $dups"
# Anchoring: gold against itself loads every document (text = source,
# sha256 of the source) and scores 1.
for split in dev test; do
    "$BIN/dipx-eval" --format tsv "$gold/$split" "$gold/$split" \
        >"$WORK/self.tsv" 2>"$WORK/self.err" ||
        fail "$split: gold against itself: $(head -3 "$WORK/self.err")"
    awk -F'\t' '$1 == "type" && ($14 != "1.0000" || $17 != "1.0000")' \
        "$WORK/self.tsv" | grep -q . && fail "$split: gold against itself is not 1"
done
# The sources did not change since they were annotated.
"$BIN/dipx-eval" --sources "$gold" >"$WORK/sources" ||
    fail "dipx-eval --sources"
while read -r s; do
    id=${s#corpus/}
    id=${id%.txt}
    want=$(sha256sum "$s" 2>/dev/null | cut -c1-64)
    f=$(grep -l "<doc id=\"$id\"" $(cat "$WORK/files") | head -1)
    grep -q "sha256=\"$want\"" "$f" ||
        fail "$f: corpus/$id.txt changed since it was annotated"
done <"$WORK/sources"
# Size: at least 40 documents in en, fr, es and ru.
total=$(wc -l <"$WORK/files")
[ "$total" -ge 40 ] || fail "the gold corpus has $total documents, fewer than 40"
for l in en fr es ru; do
    grep -l "<doc [^>]*lang=\"$l\"" $(cat "$WORK/files") >/dev/null ||
        fail "no gold document in $l"
done
# Accuracy: the floors (exit 3 when one is missed).
sh "$SRC/cmake/eval.sh" "$BIN" "$gold/test" --floors "$gold/floors.txt" \
    >"$WORK/eval.txt" 2>"$WORK/eval.err" || {
    cat "$WORK/eval.err" >&2
    grep -A40 '^check' "$WORK/eval.txt" >&2
    fail "the test split is under its floors (make eval shows the table)"
}
finish
