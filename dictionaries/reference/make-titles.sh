#!/bin/sh
# make-titles.sh VOTES_TSV > en/titles.tsv
#
# Derives the English title gazetteer from the UN Digital Library voting
# records in ../shared/reference/votes.tsv (column short_title, session):
# one line per distinct title as printed, with the sessions it was adopted
# in.  dipx-symbols groups titles that differ only in case, punctuation or
# spelling variants (en/title-variants.tsv) into one series when it loads
# the file, so that grouping lives in one place, the C code.
# Data: UN Digital Library voting records ("Copyright, United Nations;
# non-commercial use with attribution"); see ../shared/reference/README.md.
set -eu
printf '# Titles of General Assembly resolutions adopted by recorded vote, with\n'
printf '# the sessions they were adopted in.  Made by reference/make-titles.sh from\n'
printf '# the UN Digital Library voting records (../shared/reference/votes.tsv);\n'
printf '# UN Digital Library, non-commercial use with attribution.\n'
printf '# title<TAB>sessions (comma-separated, in order)\n'
awk -F'\t' '
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
    t = $(col["short_title"]); s = $(col["session"])
    gsub(/^ +| +$/, "", t)
    if (t == "" || length(t) < 12) next
    key = t SUBSEP s
    if (!(key in seen)) {
        seen[key] = 1
        prev = (t in sessions) ? sessions[t] "," : ""
        sessions[t] = prev s
    }
}
END { for (t in sessions) print t "\t" sessions[t] }
' "$1" | LC_ALL=C sort
