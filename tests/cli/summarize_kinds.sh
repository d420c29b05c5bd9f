#!/bin/bash
# usage: summarize_kinds.sh ROTSIM SOURCE_DIR
# `rotsim summarize` of an expected-value file prints the expected values only; of an
# interrupted run, how many of its rows were written; its help is laid out as the other
# commands'; and its messages call a file a file, not a run file.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
py=/usr/bin/python3
scenario="$src/scenarios/article-2024.ini"

"$rotsim" expect "$scenario" --set run.horizon_days=90 --out "$dir/e.h5" --quiet || fail "expect"
"$rotsim" summarize "$dir/e.h5" > "$dir/e.txt" || fail "summarize expect exited with $?"
cat "$dir/e.txt"
grep -Eq "expected values, not runs \((exact|mean-field): " "$dir/e.txt" || fail "not said expected values"
grep -Eq "^metric +expected$" "$dir/e.txt" || fail "header is not metric, expected"
grep -Eq "\bsd\b|p95" "$dir/e.txt" && fail "sd or percentiles of one expected value"
"$rotsim" summarize "$dir/e.h5" --csv --metric killed,served,casualties > "$dir/e.csv" ||
    fail "summarize expect --csv"
$py - "$dir/e.h5" "$dir/e.csv" <<'PY' || fail "expected values differ from h5py"
import csv, sys, h5py
rows = list(csv.DictReader(open(sys.argv[2])))
assert [r["metric"] for r in rows] == ["served", "killed", "casualties"], rows
with h5py.File(sys.argv[1], "r") as f:
    s = {m: f["summary"][m][0] for m in ("killed", "served", "killed_in_action", "wounded", "captured")}
want = {"killed": s["killed"], "served": s["served"],
        "casualties": s["killed_in_action"] + s["wounded"] + s["captured"]}
for r in rows:
    assert float(r["expected"]) == want[r["metric"]], (r, want)
print("expected values = h5py")
PY

# An interrupted run: rows_written 5 of 8, the rest never written (-1, NaN).
"$rotsim" run "$scenario" --set run.horizon_days=90 --replications 8 --quiet \
    --out "$dir/cut.h5" || fail "run"
$py - "$dir/cut.h5" <<'PY' || fail "cannot cut the file"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r+") as f:
    f.attrs["rows_written"] = np.int64(5)
    f["runs/replication"][5:] = -1
    for name in f["summary"]:
        if name not in ("run", "replication", "seed", "point"):  # coordinates, not metrics
            f["summary"][name][5:] = np.nan
PY
"$rotsim" summarize "$dir/cut.h5" > "$dir/cut.txt" || fail "summarize cut"
head -1 "$dir/cut.txt" | grep -q ": 5 of 8 runs written" || fail "$(head -1 "$dir/cut.txt")"
"$rotsim" summarize "$dir/cut.h5" --csv --metric killed > "$dir/cut.csv" || fail "csv"
$py - "$dir/cut.h5" "$dir/cut.csv" <<'PY' || fail "mean over the written rows differs"
import csv, sys, h5py
row = list(csv.DictReader(open(sys.argv[2])))[0]
with h5py.File(sys.argv[1], "r") as f:
    assert float(row["mean"]) == f["summary/killed"][:5].mean(), row
PY

# Help laid out as run's and expect's: the synopsis line, then the options, help first.
for command in summarize run expect; do
    "$rotsim" $command --help > "$dir/help_$command" || fail "$command --help"
    head -1 "$dir/help_$command" | grep -Eq "^rotsim $command [A-Z]+.* \[options\]:$" ||
        fail "$command --help begins '$(head -1 "$dir/help_$command")'"
    sed -n 2p "$dir/help_$command" | grep -Eq "^  -h \[ --help \] +describe the options$" ||
        fail "$command --help: help is not the first option"
done
grep -q "^Mean, standard deviation" "$dir/help_summarize" || fail "no description after options"

# Messages from tools/rotsim name a file, not a run file (a sweep file is not one).
bash "$src/tests/cli/expect_failure.sh" "^rotsim summarize: no file given \(try --help\)$" \
    "$rotsim" summarize || fail "no file"
grep -n "run file '" "$src/tools/rotsim/cmd_summarize.cpp" && fail "summarize says 'run file'"
echo "summarize kinds OK"
