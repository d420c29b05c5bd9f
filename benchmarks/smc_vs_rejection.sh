#!/bin/bash
# usage: benchmarks/smc_vs_rejection.sh [ROTSIM] [DIR] [SEEDS...]
# Rejection against sequential ABC on a synthetic problem with a known truth
# (docs/calibration.md, "Rejection against sequential ABC"): targets made by the model at
# p_kia = 0.001 and p_wia = 0.004; sequential ABC of 100 particles stopped after 5 to 8
# generations; rejection of 10,000 Latin hypercube points, read at the tolerance each sequential
# calibration ended with (the points within it are exactly what --tolerance would accept).
# Prints, per calibration, the runs spent, the 90 % interval of each key and whether it holds
# the truth, and the runs rejection needs for 100 points within the same tolerance.
set -eu
rotsim=${1:-build/tools/rotsim}
dir=${2:-smc-bench}
shift $(( $# > 2 ? 2 : $# ))
seeds=${*:-1 2 3}
mkdir -p "$dir"
scenario=scenarios/article-2024.ini
# 120 days of 2,000 soldiers: a run takes a few milliseconds.
small=(--set run.horizon_days=120 --set strength.target_strength=0:2000)
ranges=(--range casualties.p_kia=0.0002:0.003 --range casualties.p_wia=0.001:0.008)

"$rotsim" run "$scenario" "${small[@]}" --set casualties.p_kia=0.001 --set casualties.p_wia=0.004 \
    -n 20 --seed 7 --quiet --overwrite --out "$dir/truth.h5"
/usr/bin/python3 - "$dir/truth.h5" "$dir/targets.csv" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f, open(sys.argv[2], "w") as out:
    dates = f["time/date"].asstr()[()]
    out.write("date,metric,value,uncertainty\n")
    for metric in ("killed", "wounded"):
        series = f["timeseries/" + metric][()]
        for day in (59, 119):
            out.write(f"{dates[day]},{metric},{series[:, day].mean()},{max(series[:, day].std(ddof=1), 1)}\n")
PY

common=("$rotsim" calibrate "$scenario" "${small[@]}" --targets "$dir/targets.csv" "${ranges[@]}"
        --replications 2 --quiet --overwrite)
for seed in $seeds; do
    "${common[@]}" --samples 10000 --accept 0.01 --seed "$seed" --out "$dir/rejection-$seed.h5"
    for generations in 5 6 7 8; do
        "${common[@]}" --method smc --particles 100 --generations $generations --seed "$seed" \
            --out "$dir/smc-$seed-$generations.h5"
    done
done

/usr/bin/python3 - "$dir" $seeds <<'PY'
import os, sys, h5py, numpy as np
truth = {"casualties.p_kia": 0.001, "casualties.p_wia": 0.004}
def interval(post, i):
    return post["q05"][i], post["q95"][i]
print("| seed | smc generations | smc runs | tolerance | smc p_kia 90 % | smc p_wia 90 % | "
      "rejection points within it (of 10,000) | rejection p_kia 90 % | rejection p_wia 90 % | "
      "rejection runs for 100 points |")
print("|---|---|---|---|---|---|---|---|---|---|")
folder, seeds = sys.argv[1], sys.argv[2:]
for seed in seeds:
    with h5py.File(os.path.join(folder, f"rejection-{seed}.h5"), "r") as r:
        keys = list(r["calibration/posterior/key"].asstr()[()])
        distance = r["calibration/distance"][()]
        values = {k: r["design"][k][()] for k in keys}
        reps = int(r["design"].attrs["replications"])
    for g in (5, 6, 7, 8):
        with h5py.File(os.path.join(folder, f"smc-{seed}-{g}.h5"), "r") as f:
            post = f["calibration/posterior"]
            tol = f["calibration/generations/tolerance"][()][-1]
            runs = len(f["runs/point"])
            smc = [interval(post, i) for i in range(len(keys))]
        inside = distance <= tol
        count = int(inside.sum())
        rej = [tuple(np.quantile(values[k][inside], [0.05, 0.95])) if count > 1 else (np.nan, np.nan)
               for k in keys]
        def cell(lohi, k):
            lo, hi = lohi
            mark = "" if lo <= truth[k] <= hi else " (truth outside)"
            return f"{lo:.5f} to {hi:.5f} (width {hi - lo:.5f}){mark}"
        need = f"{round(100 * len(distance) * reps / count):,}" if count else "over 2,000,000"
        print(f"| {seed} | {g} | {runs:,} | {tol:.2f} | {cell(smc[0], keys[0])} | {cell(smc[1], keys[1])} | "
              f"{count} | {cell(rej[0], keys[0])} | {cell(rej[1], keys[1])} | {need} |")
PY
