#!/bin/bash
# usage: calibrate_smc.sh ROTSIM SOURCE_DIR
# rotsim calibrate --method smc on targets the model made at a known casualties.p_kia: the
# tolerance falls generation after generation, the weights sum to 1, the truth lies within the
# weighted 90 % interval, the same seed gives the same file on 1 and 2 threads, both methods
# store their posterior sample as weighted particles, and rotsim-plot draws the weighted posterior
# (its plotted quantiles equal the file's, which they would not without the weights).
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
scenario="$src/scenarios/article-2024.ini"
small=(--set run.horizon_days=60 --set strength.target_strength=0:1000)
true_p_kia=0.001

"$rotsim" run "$scenario" "${small[@]}" --set casualties.p_kia=$true_p_kia -n 8 --seed 7 \
    --out "$dir/truth.h5" --quiet || fail "the run making the targets exited with $?"
/usr/bin/python3 - "$dir/truth.h5" "$dir/targets.csv" <<'PY' || fail "cannot write the targets"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f, open(sys.argv[2], "w") as out:
    killed, dates = f["timeseries/killed"][()], f["time/date"].asstr()[()]
    out.write("date,metric,value,uncertainty\n")
    for day in (29, 44, 59):
        out.write(f"{dates[day]},killed,{killed[:, day].mean()},{max(killed[:, day].std(ddof=1), 1)}\n")
PY

smc=("$rotsim" calibrate "$scenario" "${small[@]}" --targets "$dir/targets.csv"
     --range casualties.p_kia=0.0002:0.003 --method smc --particles 50 --generations 4
     --replications 2 --seed 3)
"${smc[@]}" --threads 2 --out "$dir/smc.h5" >"$dir/report" || fail "calibrate --method smc exited with $?"
cat "$dir/report"
grep -q "^generations:" "$dir/report" || fail "the report shows no generations"
grep -q "^casualties.p_kia" "$dir/report" || fail "the report has no posterior row"

/usr/bin/python3 - "$dir/smc.h5" $true_p_kia <<'PY' || fail "the SMC calibration is wrong"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    cal, truth = f["calibration"], float(sys.argv[2])
    assert cal.attrs["algorithm"] == "smc"
    assert f["design"].attrs["kind"] == "points"
    tol = cal["generations/tolerance"][()]
    assert np.isinf(tol[0]) and np.all(np.diff(tol) < 0), tol
    assert cal["generations/complete"][()].all()
    assert cal.attrs["tolerance"] == tol[-1] and np.isnan(cal.attrs["accept_fraction"])
    assert cal.attrs["rule"].startswith("generation 3: the first 50 proposals"), cal.attrs["rule"]
    w = cal["particles/weight"][()]
    assert len(w) == 50 and abs(w.sum() - 1) < 1e-12 and (w > 0).all(), w
    assert abs(cal["weight"][()].sum() - 1) < 1e-12
    points = cal["particles/point"][()]
    assert (cal["accepted"][()][points] == 1).all() and cal["accepted"][()].sum() == 50
    assert (cal["distance"][()][points] <= tol[-1]).all()
    assert (cal["generation"][()][points] == len(tol) - 1).all()
    lines = cal["particles/overrides"].asstr()[()]
    assert all(l.startswith("casualties.p_kia=") for l in lines), lines[:3]
    values = cal["particles/values"][()][:, 0]
    assert np.allclose(values, f["design/casualties.p_kia"][()][points])
    # Weighted quantiles as docs/calibration.md defines them.
    order = np.argsort(values, kind="stable")
    x, ww = values[order], w[order]
    q05, q95 = np.interp([0.05, 0.95], np.cumsum(ww) - ww / 2, x)
    post = cal["posterior"]
    assert np.isclose(q05, post["q05"][0]) and np.isclose(q95, post["q95"][0]), (q05, q95)
    print(f"true {truth}, weighted 90 % {q05:.6f} to {q95:.6f}, runs {len(f['runs/point'])}")
    assert q05 < truth < q95, (q05, q95)
    assert q95 - q05 < (0.003 - 0.0002) / 3
    # Each run's stream is its own: point x replications + replication.
    reps = int(f["design"].attrs["replications"])
    assert (f["runs/replication"][()] == f["runs/point"][()] * reps + np.arange(len(f["runs/point"])) % reps).all()
PY

"${smc[@]}" --threads 1 --out "$dir/again.h5" --quiet || fail "second calibrate failed"
/usr/bin/python3 - "$dir/smc.h5" "$dir/again.h5" <<'PY' || fail "the same seed gave another calibration"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    for name in ("calibration/distance", "calibration/particles/weight", "calibration/particles/point",
                 "calibration/generations/tolerance", "calibration/posterior/q50", "timeseries/killed"):
        assert np.array_equal(a[name][()], b[name][()], equal_nan=True), name
PY
[ -z "$(ls -A "$dir" | grep smc-batch)" ] || fail "batch files were left behind: $(ls -A "$dir")"

# Rejection stores its accepted points as particles of equal weight.
"$rotsim" calibrate "$scenario" "${small[@]}" --targets "$dir/targets.csv" \
    --range casualties.p_kia=0.0002:0.003 --samples 40 --replications 1 --seed 3 --quiet \
    --out "$dir/rejection.h5" || fail "calibrate --method rejection exited with $?"
/usr/bin/python3 - "$dir/rejection.h5" <<'PY' || fail "rejection's particles are wrong"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    cal = f["calibration"]
    assert cal.attrs["algorithm"] == "rejection"
    w, points = cal["particles/weight"][()], cal["particles/point"][()]
    assert len(w) == 4 and np.allclose(w, 0.25), w
    assert sorted(points) == sorted(np.flatnonzero(cal["accepted"][()]))
    assert len(cal["generations/tolerance"]) == 1
PY

if ! /usr/bin/python3 -c 'import h5py, matplotlib' 2>/dev/null; then
    echo "python3-h5py or python3-matplotlib missing: tools/bootstrap.sh installs them"; exit 1
fi
# (A rejection file's figures are checked the same way in calibrate_recovery.sh.)
"$src/tools/rotsim-plot" "$dir/smc.h5" --out "$dir/plots" >/dev/null ||
    fail "rotsim-plot of the smc calibration failed"
/usr/bin/python3 "$src/tests/cli/check_plots.py" "$dir/plots" --calibration "$dir/smc.h5" ||
    fail "the figures of the smc calibration do not draw its weighted posterior"
echo "calibrate --method smc OK"
