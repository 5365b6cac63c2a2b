#!/bin/sh
# found.sh STREAM: what the stages found in a dipx stream, one a line, with
# the document and span: symbols, titles, votes, sponsors.  For `make demo`.
awk '
function attr(s, name) {
    if (match(s, " " name "=\"[^\"]*\""))
        return substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
    return ""
}
/<doc / { id = attr($0, "id") }
/<(symbol|title|vote|sponsors) / {
    s = $0; kind = s; sub(/^ *</, "", kind); sub(/ .*/, "", kind)
    what = ""
    if (kind == "symbol") what = attr(s, "canonical")
    if (kind == "title") { t = s; sub(/^[^>]*>/, "", t); sub(/<\/title>.*/, "", t)
        what = "\"" t "\"" (attr(s, "of") != "" ? " of " attr(s, "of") : "") }
    if (kind == "vote" || kind == "sponsors") {
        subj = attr(s, "ref") != "" ? attr(s, "ref") : attr(s, "subj") != "" ? "title " attr(s, "subj") : "unknown subject"
        q = attr(s, "qualifier") != "" ? attr(s, "qualifier") " " : ""
        if (kind == "vote" && attr(s, "mode") == "recorded")
            what = attr(s, "body") " " attr(s, "yes") "-" attr(s, "no") "-" attr(s, "abstain") " on " subj
        else if (kind == "vote")
            what = attr(s, "body") " " attr(s, "mode") " " q attr(s, "yes") " on " subj
        else
            what = q attr(s, "count") " sponsors" (attr(s, "lead") != "" ? " with " attr(s, "lead") : "") " of " subj
    }
    printf "%-30s %6s %6s  %-8s %s\n", id, attr(s, "start"), attr(s, "end"), kind, what
}' "$1" | sort -s -k1,1 -k2,2n
