#!/bin/bash
# usage: summarize_reduce.sh ROTSIM SOURCE_DIR
# `rotsim summarize` on a sweep: a row per design point that agrees with numpy; --reduce stores
# per-tick bands that agree with numpy, refuses to replace them unasked, and plots use them.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
py=/usr/bin/python3
scenario="$src/scenarios/article-2024.ini"

"$rotsim" sweep "$scenario" --set run.horizon_days=75 --grid casualties.p_kia=0.0005,0.002,0.004 \
    --replications 6 --seed 3 --out "$dir/sweep.h5" --quiet || fail "sweep exited with $?"
"$rotsim" summarize "$dir/sweep.h5" --metric killed,served --csv > "$dir/points.csv" ||
    fail "summarize exited with $?"
$py - "$dir/sweep.h5" "$dir/points.csv" <<'PY' || fail "per-point table differs from numpy"
import csv, sys, h5py, numpy as np
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == 6, len(rows)  # 3 points x 2 metrics
with h5py.File(sys.argv[1], "r") as f:
    point = f["runs/point"][()]
    for row in rows:
        p = int(row["point"])
        x = f["summary"][row["metric"]][()][point == p]
        assert float(row["casualties.p_kia"]) == f["design/casualties.p_kia"][p]
        assert int(row["runs"]) == x.size == 6
        assert float(row["mean"]) == x.mean() or abs(float(row["mean"]) / x.mean() - 1) < 1e-12
        assert abs(float(row["sd"]) - x.std(ddof=1)) <= 1e-9 * max(1, x.std())
        for q in ("p5", "p50", "p95"):
            assert abs(float(row[q]) - np.quantile(x, int(q[1:]) / 100)) <= 1e-9 * max(1, abs(x).max())
print("per-point table = numpy")
PY
"$rotsim" summarize "$dir/sweep.h5" | grep -Eq "^killed$" || fail "no killed block in the text table"
bash "$src/tests/cli/expect_failure.sh" "--metric 'kiled'.*did you mean 'killed'" \
    "$rotsim" summarize "$dir/sweep.h5" --metric kiled || fail "a misspelt --metric was accepted"

before=$(md5sum < "$dir/sweep.h5")
"$rotsim" summarize "$dir/sweep.h5" --reduce > "$dir/reduce.txt" || fail "--reduce exited with $?"
grep -q "per design point (3)" "$dir/reduce.txt" || fail "$(cat "$dir/reduce.txt")"
$py - "$dir/sweep.h5" <<'PY' || fail "/reduced differs from numpy"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    r = f["reduced"]
    names = [str(s) for s in r.attrs["statistics"]]
    assert names == ["mean", "p5", "p25", "p50", "p75", "p95"], names
    assert list(r["runs"][()]) == [6, 6, 6]
    point = f["runs/point"][()]
    for metric in f["timeseries"]:
        if metric in ("run", "time", "date", "replication", "seed", "point"):
            continue  # coordinates, not series
        values = f["timeseries"][metric][()].astype(float)
        assert r[metric].shape == (3, 6, values.shape[1]), r[metric].shape
        for p in range(3):
            x = values[point == p]
            assert np.allclose(r[metric][p, 0], x.mean(axis=0), rtol=1e-12, atol=1e-9), metric
            for i, q in enumerate([0.05, 0.25, 0.5, 0.75, 0.95]):
                assert np.allclose(r[metric][p, i + 1], np.quantile(x, q, axis=0), rtol=1e-12), metric
print("/reduced = numpy for", len(f["timeseries"]) if False else "every series")
PY
# Unasked, an existing /reduced is kept and the file not touched.
reduced=$(md5sum < "$dir/sweep.h5")
[ "$before" != "$reduced" ] || fail "--reduce did not change the file"
bash "$src/tests/cli/expect_failure.sh" "holds /reduced already.*--overwrite" \
    "$rotsim" summarize "$dir/sweep.h5" --reduce || fail "a second --reduce was not refused"
[ "$(md5sum < "$dir/sweep.h5")" = "$reduced" ] || fail "a refused --reduce changed the file"
"$rotsim" summarize "$dir/sweep.h5" --reduce --overwrite --quiet || fail "--overwrite exited with $?"
"$rotsim" summarize "$dir/sweep.h5" --metric killed > /dev/null || fail "reduced file no longer summarizes"

# A run file reduces to one group; plots read the bands from it.
"$rotsim" run "$scenario" --set run.horizon_days=75 --replications 8 --out "$dir/run.h5" --quiet ||
    fail "run exited with $?"
"$rotsim" summarize "$dir/run.h5" --reduce --quiet || fail "--reduce of a run file exited with $?"
$py -c 'import sys, h5py; f = h5py.File(sys.argv[1], "r"); assert f["reduced"].attrs["grouping"] == "file"; assert f["reduced/killed"].shape[0] == 1' "$dir/run.h5" ||
    fail "run file's /reduced is not one group"
$py "$src/tools/rotsim-plot" "$dir/sweep.h5" --out "$dir/plots" > /dev/null || fail "plot of a reduced sweep"
[ -s "$dir/plots/fan_killed.png" ] || fail "no fan chart from /reduced"
bash "$src/tests/cli/expect_failure.sh" "--csv is for the tables" \
    "$rotsim" summarize "$dir/run.h5" --reduce --csv || fail "--reduce --csv accepted"
echo "summarize per point and --reduce OK"
