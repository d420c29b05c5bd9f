#!/bin/bash
# usage: compare.sh ROTSIM SOURCE_DIR
# `rotsim compare`: paired (same seed, different --set) and unpaired (different seeds) files,
# expected-value files and a sweep with --baseline agree with numpy and scipy on the stored rows;
# rows that hold no run are skipped and counted; every refusal names what is wrong.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
py=/usr/bin/python3
check="$src/tests/cli/compare_check.py"
refuses() { bash "$src/tests/cli/expect_failure.sh" "$@" || fail "not refused: ${*:2}"; }
scenario="$src/scenarios/article-2024.ini"
short=(--set run.horizon_days=90)

run() { "$rotsim" run "$scenario" "${short[@]}" --quiet "$@" || fail "run $* exited with $?"; }
run --seed 5 --replications 8 --out "$dir/a.h5"
run --seed 5 --replications 8 --set casualties.p_kia=0.002 --out "$dir/b.h5"
run --seed 6 --replications 6 --set casualties.p_kia=0.002 --out "$dir/c.h5"

# Same seed: paired by (seed, replication), 8 pairs.
"$rotsim" compare "$dir/a.h5" "$dir/b.h5" --csv > "$dir/ab.csv" || fail "compare exited with $?"
$py "$check" "$dir/ab.csv" "$dir/a.h5" "$dir/b.h5" paired 8 || fail "paired numbers differ"
"$rotsim" compare "$dir/a.h5" "$dir/b.h5" > "$dir/ab.txt" || fail "compare (text) exited with $?"
cat "$dir/ab.txt"
grep -q "^paired: " "$dir/ab.txt" || fail "the text does not say the runs are paired"
grep -q "^8 pairs of runs" "$dir/ab.txt" || fail "the text does not give the number of pairs"
grep -Eq "^metric +mean A +mean B +B - A +95% lo +95% hi +% change" "$dir/ab.txt" ||
    fail "no table header"
grep -Eq "^killed_in_action " "$dir/ab.txt" || fail "no killed_in_action row"
grep -q "run-to-run noise" "$dir/ab.txt" || fail "the text does not say what the interval holds"

# A file of random-stream version 1 (made before the attribute existed) shares no random numbers
# with one of version 3, even with the same seed: not paired, and the note says why.
cp "$dir/b.h5" "$dir/b1.h5"
$py -c 'import h5py, sys; del h5py.File(sys.argv[1], "r+").attrs["stream_version"]' "$dir/b1.h5" ||
    fail "cannot make a version-1 file"
"$rotsim" compare "$dir/a.h5" "$dir/b1.h5" > "$dir/ab1.txt" || fail "compare a b1 exited with $?"
grep -q "random-stream versions 3 and 1" "$dir/ab1.txt" || fail "no stream-version note: $(cat "$dir/ab1.txt")"
grep -q "pairs of runs" "$dir/ab1.txt" && fail "files of two stream versions were paired"

# Version 2 drew the same numbers as version 3 (the same keys): paired, and the note says so.
cp "$dir/b.h5" "$dir/b2.h5"
$py -c 'import h5py, sys; h5py.File(sys.argv[1], "r+").attrs["stream_version"] = 2' "$dir/b2.h5" ||
    fail "cannot make a version-2 file"
"$rotsim" compare "$dir/a.h5" "$dir/b2.h5" > "$dir/ab2.txt" || fail "compare a b2 exited with $?"
grep -q "random-stream versions 3 and 2, which draw the same random numbers" "$dir/ab2.txt" ||
    fail "no note on versions 3 and 2: $(cat "$dir/ab2.txt")"
grep -q "^8 pairs of runs" "$dir/ab2.txt" || fail "versions 3 and 2 were not paired"

# Different seeds: Welch's interval.
"$rotsim" compare "$dir/a.h5" "$dir/c.h5" --csv --metric killed,served,casualties > "$dir/ac.csv" ||
    fail "compare a c exited with $?"
[ "$(wc -l < "$dir/ac.csv")" -eq 4 ] || fail "--metric: $(cat "$dir/ac.csv")"
$py "$check" "$dir/ac.csv" "$dir/a.h5" "$dir/c.h5" welch 0 some 2>&1 | tee "$dir/ac.log"
grep -q "welch: 2 stored metrics = numpy" "$dir/ac.log" || fail "Welch numbers differ"
"$rotsim" compare "$dir/a.h5" "$dir/c.h5" | grep -q "^unpaired: .*Welch" || fail "not said unpaired"

# Expected-value files: the exact difference, no interval, and why.
"$rotsim" expect "$scenario" "${short[@]}" --out "$dir/ea.h5" --quiet || fail "expect a"
"$rotsim" expect "$scenario" "${short[@]}" --set casualties.p_kia=0.002 --out "$dir/eb.h5" \
    --quiet || fail "expect b"
"$rotsim" compare "$dir/ea.h5" "$dir/eb.h5" --csv > "$dir/e.csv" || fail "compare expect"
$py "$check" "$dir/e.csv" "$dir/ea.h5" "$dir/eb.h5" exact || fail "exact differences differ"
"$rotsim" compare "$dir/ea.h5" "$dir/eb.h5" > "$dir/e.txt" || fail "compare expect (text)"
grep -q "no run-to-run noise" "$dir/e.txt" || fail "no reason for the missing interval"
grep -q "no interval for" "$dir/e.txt" && fail "two expected values listed as too few runs"
# An expected value against runs: the runs' own one-sample interval.
"$rotsim" compare "$dir/ea.h5" "$dir/b.h5" --csv > "$dir/eab.csv" || fail "compare expect run"
$py "$check" "$dir/eab.csv" "$dir/ea.h5" "$dir/b.h5" exact || fail "expect vs runs differs"

# A sweep, every point against --baseline 1, paired by replication.
"$rotsim" sweep "$scenario" "${short[@]}" --grid casualties.p_kia=0.0005,0.002,0.004 \
    --replications 4 --seed 3 --out "$dir/sweep.h5" --quiet || fail "sweep exited with $?"
"$rotsim" compare "$dir/sweep.h5" --baseline 1 --csv > "$dir/sweep.csv" || fail "compare sweep"
$py "$check" "$dir/sweep.csv" "$dir/sweep.h5" --baseline 1 || fail "sweep numbers differ"
"$rotsim" compare "$dir/sweep.h5" --baseline 1 --metric killed > "$dir/sweep.txt" ||
    fail "compare sweep (text)"
cat "$dir/sweep.txt"
grep -q "A: the baseline, point 1 (casualties.p_kia=0.002)" "$dir/sweep.txt" ||
    fail "the baseline is not named"
grep -Eq "^0 +0.0005 " "$dir/sweep.txt" || fail "no row for point 0"
grep -Eq "^1 " "$dir/sweep.txt" && fail "the baseline compared with itself"

# Rows that hold no run (an interrupted run: rows_written 5 of 8) are skipped and counted.
cp "$dir/b.h5" "$dir/cut.h5"
$py - "$dir/cut.h5" <<'PY' || fail "cannot cut the file"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r+") as f:
    f.attrs["rows_written"] = np.int64(5)
    f["runs/replication"][5:] = -1
    f["runs/seed"][5:] = 0
    for name in f["summary"]:
        if name not in ("run", "replication", "seed", "point"):  # coordinates, not metrics
            f["summary"][name][5:] = np.nan
PY
"$rotsim" compare "$dir/a.h5" "$dir/cut.h5" --csv > "$dir/cut.csv" 2> "$dir/cut.err" ||
    fail "compare cut"
$py "$check" "$dir/cut.csv" "$dir/a.h5" "$dir/cut.h5" paired 5 || fail "cut numbers differ"
grep -q "skipped 3 rows that hold no run" "$dir/cut.err" || fail "skipped rows not counted"
grep -q "3 runs of A, 0 of B" "$dir/cut.err" || fail "runs without a partner not counted"

# One run: the means, and no interval.
run --seed 9 --replications 1 --out "$dir/one.h5"
"$rotsim" compare "$dir/one.h5" "$dir/c.h5" --metric killed > "$dir/one.txt" || fail "one run"
grep -q "no interval for killed: fewer than 2 runs" "$dir/one.txt" || fail "$(cat "$dir/one.txt")"
grep -Eq "^killed +[0-9,.]+ +[0-9,.]+ +-?[0-9,.]+ +- +- " "$dir/one.txt" || fail "no means"

# Refusals: each one message, a non-zero exit.
echo "not hdf5" > "$dir/text.h5"
$py -c "import h5py; h5py.File('$dir/other.h5', 'w').create_dataset('x', data=[1])"
cp "$dir/b.h5" "$dir/less.h5"
$py -c "import h5py; f = h5py.File('$dir/less.h5', 'r+'); del f['summary/served']"
refuses "no-such.h5.*no such file" "$rotsim" compare "$dir/no-such.h5" "$dir/a.h5"
refuses "text.h5.*not an HDF5 file" "$rotsim" compare "$dir/a.h5" "$dir/text.h5"
refuses "other.h5.*not a rotsim result file" "$rotsim" compare "$dir/other.h5" "$dir/a.h5"
refuses "--metric 'served': '.*less.h5' has no summary metric 'served'" \
    "$rotsim" compare "$dir/a.h5" "$dir/less.h5" --metric served
refuses "--metric 'kiled': no such summary metric; did you mean 'killed'\? The metrics: served," \
    "$rotsim" compare "$dir/a.h5" "$dir/b.h5" --metric kiled
refuses "--baseline: '.*a.h5' is not a sweep file" "$rotsim" compare "$dir/a.h5" --baseline 0
refuses "--baseline 3: '.*sweep.h5' has design points 0 to 2" \
    "$rotsim" compare "$dir/sweep.h5" --baseline 3
refuses "--baseline 'x': not a design point" "$rotsim" compare "$dir/sweep.h5" --baseline x
refuses "--baseline compares the design points of one sweep file; give one file, not 2" \
    "$rotsim" compare "$dir/sweep.h5" "$dir/a.h5" --baseline 0
refuses "sweep.h5' is a sweep file: compare its design points with .*--baseline POINT" \
    "$rotsim" compare "$dir/sweep.h5" "$dir/a.h5"
refuses "give two files, A.h5 and B.h5.*not 1" "$rotsim" compare "$dir/a.h5"
refuses "give two files, A.h5 and B.h5.*not 3" "$rotsim" compare "$dir/a.h5" "$dir/b.h5" "$dir/c.h5"
refuses "unrecognised option '--bogus'" "$rotsim" compare "$dir/a.h5" "$dir/b.h5" --bogus
"$rotsim" compare --help | head -1 | grep -qx "rotsim compare A.h5 B.h5 \[options\]:" ||
    fail "help layout"
echo "compare OK"
