#!/bin/sh
# run.sh BUILD [MB]: the benchmarks.  Every figure is a ratio against a
# baseline measured in the same run, on the same generated input (the
# machines are shared and noisy): a ratio above 1 means dipx is faster.
#   normalize  vs  uconv -x any-nfc (ICU's NFC, the tool a user would pick)
#   symbols,   vs  its own pattern set run raw with PCRE2 JIT over the
#   votes          normalized text (no XML, no stream): the raw PCRE2 limit
# Peak RSS from /usr/bin/time.  The input is generated, never committed.
set -eu
BUILD=${1:-build}
MB=${2:-10}
BIN=$BUILD/bin
W=$(mktemp -d "${TMPDIR:-/tmp}/dipx-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export DIPX_DICT_PATH="${DIPX_DICT_PATH:-$(pwd)/dictionaries}"

sh bench/gen.sh "$MB" >"$W/in.txt"
bytes=$(wc -c <"$W/in.txt")

# measure NAME CMD...: seconds and peak RSS (KiB) of CMD, best of 3.
measure() {
    best=""
    for i in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$W/t" "$@" >/dev/null 2>"$W/err" ||
            { cat "$W/err" >&2; exit 1; }
        set -- "$@"
        t=$(cut -d' ' -f1 "$W/t")
        rss=$(cut -d' ' -f2 "$W/t")
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
            best=$t
            best_rss=$rss
        fi
    done
    echo "$best $best_rss"
}

row() {  # row NAME SECONDS RSS BASELINE_NAME BASELINE_SECONDS
    awk -v n="$1" -v t="$2" -v r="$3" -v bn="$4" -v bt="$5" -v b="$bytes" 'BEGIN {
        if (t < 0.001) t = 0.001; if (bt < 0.001) bt = 0.001
        printf "%-12s %8.1f MB/s %8.1f MB/s  %-22s %5.2fx %8d KiB\n",
            n, b / t / 1e6, b / bt / 1e6, bn, bt / t, r }'
}

"$BIN/dipx-normalize" --id bench "$W/in.txt" >"$W/norm.xml"
echo "dipx benchmarks: $bytes bytes of generated text ($MB MB)"
printf '%-12s %13s %13s  %-22s %6s %12s\n' stage dipx baseline baseline ratio "peak RSS"

set -- $(measure "$BIN/dipx-normalize" --id bench "$W/in.txt")
n_t=$1 n_rss=$2
set -- $(measure uconv -f utf-8 -t utf-8 -x any-nfc -o "$W/nfc.txt" "$W/in.txt")
row normalize "$n_t" "$n_rss" "uconv -x any-nfc" "$1"

set -- $(measure sh -c "\"$BIN/dipx-symbols\" <\"$W/norm.xml\"")
s_t=$1 s_rss=$2
raw=$("$BUILD/bench/dipx-bench-raw" symbols en "$W/in.txt")
row symbols "$s_t" "$s_rss" "raw PCRE2 JIT pass" "${raw% *}"

"$BIN/dipx-symbols" <"$W/norm.xml" >"$W/sym.xml"
set -- $(measure sh -c "\"$BIN/dipx-votes\" <\"$W/sym.xml\"")
v_t=$1 v_rss=$2
rawv=$("$BUILD/bench/dipx-bench-raw" votes en "$W/in.txt")
row votes "$v_t" "$v_rss" "raw PCRE2 JIT pass" "${rawv% *}"
echo "(raw passes: ${raw#* } symbol and ${rawv#* } vote matches; the targets are in README.md)"
