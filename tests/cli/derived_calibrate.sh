#!/bin/bash
# usage: derived_calibrate.sh ROTSIM SOURCE_DIR
# A calibration on derived metrics: casualties on three days (a series) and USD per death at the
# horizon (a summary), made by the model at a known casualties.p_kia. The targets are
# accepted, each point's simulated value is the documented formula on its stored runs, the
# posterior covers the truth, and rotsim-plot draws the derived target.
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
small=(--set run.horizon_days=60 --set strength.target_strength=0:1000)
true_p_kia=0.001

"$rotsim" run "$scenario" "${small[@]}" --set casualties.p_kia=$true_p_kia -n 8 --seed 7 \
    --out "$dir/truth.h5" --quiet || fail "the run making the targets exited with $?"
/usr/bin/python3 - "$dir/truth.h5" "$dir/targets.csv" <<'PY' || fail "cannot write the targets"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f, open(sys.argv[2], "w") as out:
    T = {k: f["timeseries"][k][()].astype(float) for k in ("killed_in_action", "wounded", "captured")}
    S = {k: f["summary"][k][()] for k in ("accrued_usd", "killed")}
    casualties = T["killed_in_action"] + T["wounded"] + T["captured"]
    dates = f["time/date"].asstr()[()]
    out.write("date,metric,value,uncertainty\n")
    for day in (29, 44, 59):
        c = casualties[:, day]
        out.write(f"{dates[day]},casualties,{c.mean()},{max(c.std(ddof=1), 1)}\n")
    per_death = S["accrued_usd"] / S["killed"]
    out.write(f",usd_per_death,{per_death.mean()},{per_death.std(ddof=1)}\n")
PY
cat "$dir/targets.csv"

"$rotsim" calibrate "$scenario" "${small[@]}" --targets "$dir/targets.csv" \
    --range casualties.p_kia=0.0002:0.003 --samples 100 --replications 2 --seed 3 \
    --out "$dir/cal.h5" >"$dir/report" || fail "calibrate exited with $?"
cat "$dir/report"
grep -q "casualties" "$dir/report" || fail "the report has no casualties target"

/usr/bin/python3 - "$dir/cal.h5" $true_p_kia <<'PY' || fail "the calibration did not use the targets"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    cal = f["calibration"]
    metrics = cal["targets/metric"].asstr()[()].tolist()
    assert metrics == ["casualties"] * 3 + ["usd_per_death"], metrics
    assert "casualties" not in f["timeseries"] and "casualties" not in f["summary"]
    # Each point's simulated value: the formula on its finished runs, on the target's day.
    T = {k: f["timeseries"][k][()].astype(float) for k in ("killed_in_action", "wounded", "captured")}
    casualties = T["killed_in_action"] + T["wounded"] + T["captured"]
    with np.errstate(divide="ignore", invalid="ignore"):
        S = {k: f["summary"][k][()] for k in ("accrued_usd", "killed")}
        per_death = S["accrued_usd"] / np.where(S["killed"] > 0, S["killed"], np.nan)
    point, done = f["runs/point"][()], f["runs/status"][()] == 1
    simulated, ticks = cal["simulated"][()], cal["targets/tick"][()]
    for p in range(simulated.shape[0]):
        mine = (point == p) & done
        for j in range(3):
            assert np.isclose(simulated[p, j], casualties[mine, ticks[j]].mean(), rtol=1e-12), (p, j)
        assert np.isclose(simulated[p, 3], np.nanmean(per_death[mine]), rtol=1e-12), p
    assert np.isfinite(cal["distance"][()]).all()
    post, truth = cal["posterior"], float(sys.argv[2])
    q05, q50, q95 = post["q05"][0], post["q50"][0], post["q95"][0]
    print(f"true {truth}, posterior median {q50:.6f}, 90 % {q05:.6f} to {q95:.6f}")
    assert q05 < truth < q95, (q05, q95)
PY

"$src/tools/rotsim-plot" "$dir/cal.h5" --out "$dir/plots" >/dev/null || fail "rotsim-plot failed"
for png in calibration_casualties.png calibration_usd_per_death.png; do
    [ -s "$dir/plots/$png" ] || fail "rotsim-plot did not draw $png"
done
echo "derived calibration OK"
