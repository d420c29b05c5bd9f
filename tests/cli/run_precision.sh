#!/bin/bash
# usage: run_precision.sh ROTSIM SOURCE_DIR
# `rotsim run --precision` settles on a count that does not depend on threads, and its file holds
# the same runs as asking for that count directly.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
run=("$rotsim" run "$src/scenarios/article-2024.ini" --set run.horizon_days=120 --seed 11)
runs_of() { /usr/bin/python3 -c 'import sys, h5py; print(int(h5py.File(sys.argv[1], "r").attrs["runs"]))' "$1"; }

"${run[@]}" --precision killed=0.01 --replications 400 --threads 2 --out "$dir/p2.h5" \
    > "$dir/out.txt" || fail "run exited with $?"
grep -q "precision reached after" "$dir/out.txt" || fail "no report: $(cat "$dir/out.txt")"
n=$(runs_of "$dir/p2.h5")
grep -q "precision reached after $n replications" "$dir/out.txt" || fail "report and file disagree ($n)"
# A count at the minimum or the cap would not show that the rule stopped on its own.
[ "$n" -gt 20 ] && [ "$n" -lt 400 ] || fail "settled on $n, expected between 20 and 400"
"${run[@]}" --precision killed=0.01 --replications 400 --threads 1 --out "$dir/p1.h5" --quiet ||
    fail "one-thread run exited with $?"
[ "$(runs_of "$dir/p1.h5")" = "$n" ] || fail "one thread settled on $(runs_of "$dir/p1.h5"), two on $n"
"${run[@]}" --replications "$n" --out "$dir/direct.h5" --quiet || fail "direct run exited with $?"
/usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/p2.h5" "$dir/direct.h5" ||
    fail "--precision file differs from --replications $n"
/usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/p2.h5" "$dir/p1.h5" ||
    fail "--precision file depends on threads"

# The cap: reported as not reached, and every capped run kept.
"${run[@]}" --precision killed=0.0001 --replications 25 --out "$dir/cap.h5" > "$dir/cap.txt" ||
    fail "capped run exited with $?"
grep -q "precision NOT reached after 25 replications" "$dir/cap.txt" || fail "$(cat "$dir/cap.txt")"
[ "$(runs_of "$dir/cap.h5")" = 25 ] || fail "capped file has $(runs_of "$dir/cap.h5") runs"
# A metric that never varies (receivable at a horizon that falls on a settlement: 0 in every run)
# is reported as exact, not as an interval of +-inf.
"${run[@]}" --set run.horizon_days=60 --precision receivable_usd=0.01 --replications 50 \
    --out "$dir/zero.h5" > "$dir/zero.txt" || fail "constant run exited with $?"
grep -q "receivable_usd: the same value, 0, in every run: exact" "$dir/zero.txt" ||
    fail "constant metric: $(cat "$dir/zero.txt")"
grep -q "inf" "$dir/zero.txt" && fail "constant metric reported as inf: $(cat "$dir/zero.txt")"
echo "precision OK: settled on $n replications"
