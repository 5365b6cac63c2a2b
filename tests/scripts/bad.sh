#!/bin/sh
# The bad-input catalogue (tests/bad/): each CASE.expect names the tool that
# reads the input CASE.* (normalize: dipx-normalize; stream: the stream
# reader, through dipx-roundtrip --copy), and what must come out:
#   rc N        the exit status
#   stderr RE   an extended regex stderr must match ('-': stderr empty)
#   docs N      how many documents the output still has
# The output must validate against the schema, and for normalize the
# offsets must round trip.  Inputs too large to commit are generated here.
. "$(dirname "$0")/lib.sh"

# run_case NAME TOOL INPUT RC STDERR DOCS
run_case() {
    name=$1 tool=$2 input=$3 want_rc=$4 want_err=$5 want_docs=$6
    case $tool in
    normalize) "$BIN/dipx-normalize" "$input" >"$WORK/out.xml" \
                   2>"$WORK/err" ;;
    stream) "$TESTS/dipx-roundtrip" --copy "$input" >"$WORK/out.xml" \
                2>"$WORK/err" ;;
    *) fail "$name: unknown tool '$tool'"; return ;;
    esac
    rc=$?
    [ "$rc" = "$want_rc" ] || fail "$name: exit $rc, expected $want_rc"
    if [ "$want_err" = "-" ]; then
        [ -s "$WORK/err" ] && fail "$name: unexpected stderr: $(cat "$WORK/err")"
    else
        grep -Eq -- "$want_err" "$WORK/err" ||
            fail "$name: stderr does not match /$want_err/: $(cat "$WORK/err")"
    fi
    docs=$(grep -c '<doc ' "$WORK/out.xml")
    [ "$docs" = "$want_docs" ] ||
        fail "$name: $docs documents in the output, expected $want_docs"
    valid "$WORK/out.xml"
    if [ "$tool" = normalize ] && [ "$docs" -gt 0 ]; then
        "$TESTS/dipx-roundtrip" "$WORK/out.xml" || fail "$name: round trip"
    fi
}

cd "$SRC/tests/bad" || exit 2
for expect in *.expect; do
    name=${expect%.expect}
    input=$(ls "$name".* | grep -v '\.expect$' | head -1)
    tool=$(sed -n 's/^tool //p' "$expect")
    rc=$(sed -n 's/^rc //p' "$expect")
    err=$(sed -n 's/^stderr //p' "$expect")
    docs=$(sed -n 's/^docs //p' "$expect")
    run_case "$name" "$tool" "$input" "$rc" "$err" "$docs"
done

# Generated: elements nested 10,000 deep inside a layer.
cd "$WORK" || exit 2
{
    printf '<corpus xmlns="urn:dipx:stream:1"><doc id="deep"><text>x</text>'
    printf '<layer stage="x" version="1">'
    yes '<a>' | head -n 10000 | tr -d '\n'
    printf '</layer></doc></corpus>\n'
} >deep.xml
run_case deep-nesting stream deep.xml 1 'deep.xml:1:.*doc deep: elements nested too deep' 0

# Generated: a start tag with 200,000 attributes (libxml2 2.9 checks
# them pairwise: quadratic), and one of 5 MB in a single attribute.
{
    printf '<corpus xmlns="urn:dipx:stream:1"><doc id="wide"'
    yes | head -n 200000 | awk '{ printf " a%d=\"1\"", NR }'
    printf '><text>x</text></doc></corpus>\n'
} >wide.xml
run_case many-attributes stream wide.xml 1 'wide.xml:1: tag with more than 256 attributes \(refused\)' 0
{
    printf '<corpus xmlns="urn:dipx:stream:1"><doc id="long" title="'
    head -c 5000000 /dev/zero | tr '\0' 'x'
    printf '"><text>x</text></doc></corpus>\n'
} >long.xml
run_case huge-start-tag stream long.xml 1 'long.xml:1: tag longer than 4194304 bytes \(refused\)' 0

# Generated: a 30 MB text node (libxml2 refuses text over 10 MB).
{
    printf '<corpus xmlns="urn:dipx:stream:1"><doc id="huge"><text>'
    head -c 30000000 /dev/zero | tr '\0' 'x'
    printf '</text></doc></corpus>\n'
} >huge.xml
run_case huge-text stream huge.xml 1 'huge.xml:.*doc huge: ' 0
finish
