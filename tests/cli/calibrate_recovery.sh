#!/bin/bash
# usage: calibrate_recovery.sh ROTSIM SOURCE_DIR
# Targets made by the model itself at a known casualties.p_kia are calibrated back: the posterior
# median lands near it and the posterior is much narrower than the prior. Then: the same seed
# gives the same calibration on any number of threads, an existing file is not overwritten
# without --overwrite, and rotsim-plot draws the calibration's figures.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
if ! /usr/bin/python3 -c 'import h5py, matplotlib' 2>/dev/null; then
    echo "python3-h5py or python3-matplotlib missing: tools/bootstrap.sh installs them"; exit 1
fi
scenario="$src/scenarios/article-2024.ini"
# 60 days of 1,000 soldiers: a run takes about a millisecond.
small=(--set run.horizon_days=60 --set strength.target_strength=0:1000)
true_p_kia=0.001

"$rotsim" run "$scenario" "${small[@]}" --set casualties.p_kia=$true_p_kia -n 8 --seed 7 \
    --out "$dir/truth.h5" --quiet || fail "the run making the targets exited with $?"
# Cumulative killed on three days: the mean of the runs, their standard deviation as uncertainty.
/usr/bin/python3 - "$dir/truth.h5" "$dir/targets.csv" <<'PY' || fail "cannot write the targets"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f, open(sys.argv[2], "w") as out:
    killed, dates = f["timeseries/killed"][()], f["time/date"].asstr()[()]
    out.write("date,metric,value,uncertainty\n")
    for day in (29, 44, 59):
        out.write(f"{dates[day]},killed,{killed[:, day].mean()},{max(killed[:, day].std(ddof=1), 1)}\n")
PY

calibrate=("$rotsim" calibrate "$scenario" "${small[@]}" --targets "$dir/targets.csv"
           --range casualties.p_kia=0.0002:0.003 --samples 200 --replications 2 --seed 3)
start=$(date +%s%N)
"${calibrate[@]}" --threads 2 --out "$dir/cal.h5" >"$dir/report" || fail "calibrate exited with $?"
echo "calibrate took $(( ($(date +%s%N) - start) / 1000000 )) ms"
cat "$dir/report"
grep -q "^casualties.p_kia" "$dir/report" || fail "the report has no posterior row"

/usr/bin/python3 - "$dir/cal.h5" $true_p_kia <<'PY' || fail "the posterior does not recover p_kia"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    post, truth = f["calibration/posterior"], float(sys.argv[2])
    assert list(post["key"].asstr()[()]) == ["casualties.p_kia"]
    lo, hi, sd = post["prior_lo"][0], post["prior_hi"][0], post["sd"][0]
    q05, q50, q95 = post["q05"][0], post["q50"][0], post["q95"][0]
    print(f"true {truth}, posterior median {q50:.6f}, sd {sd:.6f}, 90 % {q05:.6f} to {q95:.6f}")
    # Within two posterior standard deviations, and the 90 % interval inside a third of the prior.
    assert abs(q50 - truth) <= 2 * sd, (q50, sd)
    assert q95 - q05 < (hi - lo) / 3, (q05, q95, lo, hi)
    assert q05 < truth < q95, (q05, q95)
    assert int(f["calibration"].attrs["accepted"]) == 20
    assert f["calibration/accepted"][()].sum() == 20
    assert f["calibration/targets/metric"].asstr()[()].tolist() == ["killed"] * 3
PY

"${calibrate[@]}" --threads 1 --out "$dir/again.h5" --quiet || fail "second calibrate failed"
/usr/bin/python3 - "$dir/cal.h5" "$dir/again.h5" <<'PY' || fail "the same seed gave another calibration"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    for name in ("calibration/distance", "calibration/accepted", "calibration/posterior/q50",
                 "timeseries/killed"):
        assert np.array_equal(a[name][()], b[name][()], equal_nan=True), name
PY

before=$(md5sum <"$dir/cal.h5")
"${calibrate[@]}" --out "$dir/cal.h5" --quiet 2>"$dir/err"
status=$?
[ $status -ne 0 ] && [ $status -lt 128 ] || fail "an existing file was not refused (status $status)"
grep -q -- "--overwrite" "$dir/err" || fail "the refusal does not mention --overwrite: $(cat "$dir/err")"
[ "$(md5sum <"$dir/cal.h5")" = "$before" ] || fail "the refused calibration changed the file"
"${calibrate[@]}" --out "$dir/cal.h5" --overwrite --quiet || fail "--overwrite failed"

"$src/tools/rotsim-plot" "$dir/again.h5" --out "$dir/plots" >/dev/null || fail "rotsim-plot failed"
/usr/bin/python3 "$src/tests/cli/check_plots.py" "$dir/plots" --calibration "$dir/again.h5" ||
    fail "the calibration figures do not draw the file's posterior and fit"
/usr/bin/python3 - "$dir/plots" <<'PY' || fail "the calibration figures are missing or untitled"
import os, re, sys
for name, title in (("calibration_killed.png", "Calibration: killed"),
                    ("posterior_casualties_p_kia.png", "Posterior: casualties.p_kia")):
    with open(os.path.join(sys.argv[1], name), "rb") as png:
        data = png.read()
    assert data.startswith(b"\x89PNG"), name
    assert re.search(b"tEXtTitle\0" + re.escape(title.encode()), data), (name, title)
    html = open(os.path.join(sys.argv[1], "index.html"), encoding="utf-8").read()
    assert name in html, name
PY
echo "calibrate OK"
