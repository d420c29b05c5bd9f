#!/bin/bash
# usage: benchmarks/smc_vs_rejection.sh [ROTSIM] [DIR] [SEEDS...]
# Rejection against sequential ABC on a synthetic problem with a known truth
# (docs/calibration.md, "Rejection against sequential ABC"): targets made by the model at
# p_kia = 0.001 and p_wia = 0.004, then both methods at several budgets and seeds. Prints, per
# run, the runs spent, the 90 % interval of each key and whether it holds the truth.
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
python3 - "$dir/truth.h5" "$dir/targets.csv" <<'PY'
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
    for samples in 500 1000 2000 4000; do
        "${common[@]}" --samples $samples --accept 0.05 --seed $seed --out "$dir/rej-$seed-$samples.h5"
    done
    for generations in 3 4 5 6; do
        "${common[@]}" --method smc --particles 100 --generations $generations --seed $seed \
            --out "$dir/smc-$seed-$generations.h5" || true
    done
done

python3 - "$dir" <<'PY'
import glob, os, sys, h5py
truth = {"casualties.p_kia": 0.001, "casualties.p_wia": 0.004}
print("| method | seed | setting | runs | p_kia 90 % | width | p_wia 90 % | width | truth in both |")
print("|---|---|---|---|---|---|---|---|---|")
def key(path):
    name = os.path.basename(path)[:-3].split("-")
    return (name[0], int(name[1]), int(name[2]))
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*-*-*.h5")), key=key):
    method, seed, setting = key(path)
    with h5py.File(path, "r") as f:
        post = f["calibration/posterior"]
        keys = list(post["key"].asstr()[()])
        runs = len(f["runs/point"])
        cells, inside = [], True
        for i, k in enumerate(keys):
            lo, hi = post["q05"][i], post["q95"][i]
            inside &= lo <= truth[k] <= hi
            cells += [f"{lo:.5f} to {hi:.5f}", f"{hi - lo:.5f}"]
        label = f"--samples {setting}" if method == "rej" else f"--generations {setting}"
        print(f"| {'rejection' if method == 'rej' else 'smc'} | {seed} | {label} | {runs} | "
              + " | ".join(cells) + f" | {'yes' if inside else 'no'} |")
PY
