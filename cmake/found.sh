#!/bin/sh
# found.sh STREAM: the symbols and titles of a dipx stream, one a line,
# with the document and span.  Used by `make demo`.
awk '
/<doc / { match($0, / id="[^"]*"/); id = substr($0, RSTART + 5, RLENGTH - 6) }
/<symbol / || /<title / {
    kind = $0 ~ /<symbol / ? "symbol" : "title "
    s = $0; match(s, / start="[0-9]*"/); a = substr(s, RSTART + 8, RLENGTH - 9)
    match(s, / end="[0-9]*"/); b = substr(s, RSTART + 6, RLENGTH - 7)
    what = ""
    if (match(s, / canonical="[^"]*"/)) what = substr(s, RSTART + 12, RLENGTH - 13)
    if (match(s, / of="[^"]*"/)) of = " of " substr(s, RSTART + 5, RLENGTH - 6); else of = ""
    if (kind == "title ") { t = s; sub(/^[^>]*>/, "", t); sub(/<\/title>.*/, "", t)
                            what = "\"" t "\"" of }
    printf "%-30s %6s %6s  %s %s\n", id, a, b, kind, what
}' "$1" | sort -s -k1,1 -k2,2n
