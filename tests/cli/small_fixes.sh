#!/bin/bash
# usage: small_fixes.sh ROTSIM SOURCE_DIR
# A '#' after a value starts a comment, as docs/model.md and scenarios/article-2024.ini say; a
# calibration whose --range leaves the scenario's bounds suggests what calibrate takes (not
# sweep's --on-failure).
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
grep -q "never put '#' after a value" "$src/scenarios/article-2024.ini" &&
    fail "article-2024.ini forbids what the parser allows"
grep -q "on a line of its own or after a value" "$src/scenarios/article-2024.ini" ||
    fail "article-2024.ini does not say where comments go"
sed 's/^p_kia = .*/p_kia = 0.00123   # a comment after the value/' \
    "$src/scenarios/article-2024.ini" > "$dir/inline.ini"
grep -q "^p_kia = 0.00123   # a comment" "$dir/inline.ini" || fail "no p_kia line to edit"
"$rotsim" check "$dir/inline.ini" > "$dir/out" || fail "check refused an inline comment"
grep -Eq "^p_kia = 0.00123( |$)" "$dir/out" || fail "p_kia is not 0.00123: $(grep p_kia "$dir/out")"
echo "inline comment OK"

"$rotsim" calibrate "$src/scenarios/article-2024.ini" --set run.horizon_days=60 --samples 4 \
    --quiet --targets "$src/tests/data/calibration/good.csv" --range casualties.p_kia=1.2:2 \
    --out "$dir/cal.h5" 2> "$dir/cal.err" && fail "calibrate accepted p_kia above 1"
cat "$dir/cal.err"
grep -q -- "--on-failure" "$dir/cal.err" && fail "calibrate suggests --on-failure, which it refuses"
grep -q "3 more points are refused; narrow --range to values the scenario accepts, or use --method smc" \
    "$dir/cal.err" || fail "no advice calibrate takes"
[ -e "$dir/cal.h5" ] && fail "a refused calibration left a file"
echo "calibrate advice OK"
