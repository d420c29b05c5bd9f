#!/bin/bash
# usage: contingents.sh ROTSIM SOURCE_DIR — a run of a scenario with [contingent.NAME] sections,
# end to end: /contingents/NAME/... in the file summing to the totals and agreeing with the
# summaries (read with h5py alone), summarize's table per contingent, and rotsim-plot's figures by
# contingent.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
if ! /usr/bin/python3 -c 'import h5py, matplotlib' 2>/dev/null; then
    echo "python3-h5py or python3-matplotlib missing: tools/bootstrap.sh installs them"; exit 1
fi
cat >"$dir/contingents.ini" <<'INI'
[run]
horizon_days = 200
[contingent.combat]
target_strength = 0:1000
[contingent.builders]
hazard_multiplier = 0
dispatch_schedule = 0:10, 100:0
INI

"$rotsim" run "$dir/contingents.ini" -n 4 --agents 2 --out "$dir/run.h5" --quiet ||
    fail "run failed"
"$rotsim" run "$dir/contingents.ini" -n 3 --every 9 --single-precision \
    --series in_russia,killed,accrued_usd --out "$dir/small.h5" --quiet || fail "small run failed"
/usr/bin/python3 "$src/tests/cli/check_contingents.py" "$dir/run.h5" "$dir/small.h5" ||
    fail "the file's contingents are wrong"

# summarize: the totals, then each contingent's table; --contingent picks; --csv in one table.
"$rotsim" summarize "$dir/run.h5" >"$dir/table" || fail "summarize failed"
grep -q "^total: all 2 contingents" "$dir/table" || fail "no totals heading: $(cat "$dir/table")"
grep -q "^contingent combat (hazard multiplier 1)" "$dir/table" || fail "no combat table"
grep -q "^contingent builders (hazard multiplier 0)" "$dir/table" || fail "no builders table"
[ "$(grep -c '^served ' "$dir/table")" = 3 ] || fail "served is not in three tables"
"$rotsim" summarize "$dir/run.h5" --contingent builders --metric killed,served >"$dir/builders" ||
    fail "summarize --contingent failed"
grep -q "contingent builders" "$dir/builders" || fail "--contingent builders: $(cat "$dir/builders")"
! grep -q "combat\|total:" "$dir/builders" || fail "--contingent printed others: $(cat "$dir/builders")"
"$rotsim" summarize "$dir/run.h5" --csv >"$dir/table.csv" || fail "summarize --csv failed"
/usr/bin/python3 "$src/tests/cli/check_contingents.py" "$dir/run.h5" --csv "$dir/table.csv" ||
    fail "summarize --csv disagrees with the file"
if "$rotsim" summarize "$dir/run.h5" --contingent combatt 2>"$dir/err"; then
    fail "an unknown contingent was accepted"
fi
grep -q "did you mean 'combat'" "$dir/err" || fail "unknown contingent: $(cat "$dir/err")"
"$rotsim" run "$src/scenarios/article-2024.ini" -n 2 --set run.horizon_days=30 \
    --out "$dir/plain.h5" --quiet || fail "plain run failed"
if "$rotsim" summarize "$dir/plain.h5" --contingent combat 2>"$dir/err"; then
    fail "--contingent was accepted for a file without contingents"
fi
grep -q "has no contingents" "$dir/err" || fail "no contingents: $(cat "$dir/err")"
"$rotsim" summarize "$dir/plain.h5" | grep -q "contingent" && fail "a plain file's table names contingents"

# rotsim-plot: the usual figures of the totals, and those by contingent.
"$src/tools/rotsim-plot" "$dir/run.h5" --out "$dir/plots" || fail "rotsim-plot failed"
/usr/bin/python3 "$src/tests/cli/check_plots.py" "$dir/plots" --contingents combat,builders ||
    fail "plots are wrong"
"$src/tools/rotsim-plot" "$dir/small.h5" --out "$dir/small-plots" >/dev/null 2>&1 ||
    fail "rotsim-plot of a file with few series failed"
"$src/tools/rotsim-plot" "$dir/plain.h5" --out "$dir/plain-plots" >/dev/null ||
    fail "rotsim-plot of a plain file failed"
ls "$dir/plain-plots" | grep -q contingents && fail "contingent figures for a plain file"
echo "contingents OK"
