#!/bin/sh
# summary.sh STREAM: one line per document of a dipx stream: what it is and
# what the stages found in it.  Used by `make demo`.
awk '
function attr(s, name) {
    if (match(s, " " name "=\"[^\"]*\""))
        return substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
    return "-"
}
function flush(   k) {
    if (id == "") return
    printf "%-32s %-3s %-10s %6s bytes %4d edits %3d para %4d sent %3d items\n",
        id, lang, date, bytes, n["e"], n["p"], n["s"], n["li"]
    found = ""
    split("symbol title vote sponsors norms item", kinds, " ")
    for (i = 1; i <= 6; i++)
        if (kinds[i] in n) found = found sprintf("  %d %s%s", n[kinds[i]], kinds[i], kinds[i] ~ /s$/ ? "" : "s")
    if (found != "") print "   " found
}
/<doc / { flush(); split("", n); id = attr($0, "id"); lang = attr($0, "lang")
          date = attr($0, "date"); bytes = attr($0, "bytes") }
/^ *<(e|p|s|li|symbol|title|vote|sponsors|norms|item) / {
    t = $0; sub(/^ *</, "", t); sub(/ .*/, "", t); n[t]++ }
END { flush() }
' "$1"
