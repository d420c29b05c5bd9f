#!/bin/bash
# usage: uncertainty_knot.sh ROTSIM SOURCE_DIR
# A schedule knot's value, made by the model itself at a known level, is calibrated back by
# ABC-SMC (its 90 % interval holds the truth and is much narrower than the prior), and the fit is
# run forward past the data with --posterior (docs/uncertainty.md).
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cat > "$dir/phase.ini" <<'INI'
[run]
horizon_days = 90
[strength]
target_strength = 0:1000
[casualties]
intensity = 0:1, 2024-10-31:1
INI
truth=2.5
"$rotsim" run "$dir/phase.ini" --set "casualties.intensity.value[1]=$truth" -n 8 --seed 11 \
    --out "$dir/truth.h5" --quiet || fail "the run making the targets exited with $?"
/usr/bin/python3 - "$dir/truth.h5" "$dir/targets.csv" <<'PY' || fail "cannot write the targets"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f, open(sys.argv[2], "w") as out:
    dates = f["time/date"].asstr()[()]
    killed = f["timeseries/killed"][()]
    casualties = (f["timeseries/killed_in_action"][()] + f["timeseries/wounded"][()]
                  + f["timeseries/captured"][()])
    out.write("date,metric,value,uncertainty\n")
    for day in (44, 89):
        for name, y in (("killed", killed), ("casualties", casualties)):
            out.write(f"{dates[day]},{name},{y[:, day].mean()},{max(y[:, day].std(ddof=1), 1)}\n")
PY
"$rotsim" calibrate "$dir/phase.ini" --targets "$dir/targets.csv" \
    --range "casualties.intensity.value[1]=0.5:5" --method smc --particles 60 --generations 4 \
    --replications 2 --seed 3 --out "$dir/cal.h5" --quiet || fail "calibrate exited with $?"
/usr/bin/python3 - "$dir/cal.h5" $truth <<'PY' || fail "the knot's value is not recovered"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    post, truth = f["calibration/posterior"], float(sys.argv[2])
    assert list(post["key"].asstr()[()]) == ["casualties.intensity.value[1]"]
    q05, q50, q95 = post["q05"][0], post["q50"][0], post["q95"][0]
    print(f"true {truth}, posterior median {q50:.3f}, 90 % {q05:.3f} to {q95:.3f}")
    assert q05 <= truth <= q95, (q05, q95)
    assert q95 - q05 < (5 - 0.5) / 3, (q05, q95)
PY
# Forward a year past the data, from the posterior.
"$rotsim" run "$dir/phase.ini" --posterior "$dir/cal.h5" --input-draws 10 -n 2 \
    --set run.horizon_days=455 --out "$dir/forecast.h5" >"$dir/report" ||
    fail "run --posterior exited with $?"
grep -q "drawn from a calibration's posterior" "$dir/report" || fail "the report does not say so"
/usr/bin/python3 - "$dir/forecast.h5" "$dir/cal.h5" <<'PY' || fail "the forecast's design is wrong"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f, h5py.File(sys.argv[2], "r") as c:
    assert f["design"].attrs["kind"] == "posterior"
    assert f.attrs["ticks"] == 455
    drawn = set(np.round(f["design/casualties.intensity.value[1]"][()], 12))
    particles = set(np.round(c["calibration/particles/values"][:, 0], 12))
    assert drawn <= particles, (drawn, particles)
    print("forecast of", len(drawn), "distinct particles over 455 days")
PY
echo "knot recovered and run forward"
