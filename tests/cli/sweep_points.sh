#!/bin/bash
# usage: sweep_points.sh ROTSIM SOURCE_DIR
# A sweep of listed points gives the runs of the same points swept as a grid, stores its design
# like any other (a quoted schedule as text), and rotsim sensitivity refuses it with a reason.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
scenario="$src/scenarios/article-2024.ini"
small=(--set run.horizon_days=40 --set strength.target_strength=0:300 --replications 2 --seed 5
       --quiet)

"$rotsim" sweep "$scenario" "${small[@]}" --grid casualties.p_kia=0.001,0.003 \
    --grid strength.max_tours=1,2 --out "$dir/grid.h5" || fail "the grid sweep exited with $?"
printf 'casualties.p_kia,strength.max_tours\n0.001,1\n0.001,2\n# a comment\n0.003,1\n\n0.003,2\n' \
    >"$dir/points.csv"
"$rotsim" sweep "$scenario" "${small[@]}" --points "$dir/points.csv" --out "$dir/points.h5" \
    || fail "the points sweep exited with $?"
/usr/bin/python3 - "$dir/grid.h5" "$dir/points.h5" <<'PY' || fail "the points sweep differs from the grid"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as g, h5py.File(sys.argv[2], "r") as p:
    assert p["design"].attrs["kind"] == "points", p["design"].attrs["kind"]
    assert list(p["design/overrides"].asstr()[()]) == list(g["design/overrides"].asstr()[()])
    for group in ("timeseries", "summary"):
        for name in g[group]:
            assert np.array_equal(g[group][name][()], p[group][name][()], equal_nan=True), name
PY

# Shards of it, merged, give the whole file.
for shard in 0 1; do
    "$rotsim" sweep "$scenario" "${small[@]}" --points "$dir/points.csv" --shard $shard/2 \
        --out "$dir/shard-$shard.h5" || fail "shard $shard/2 exited with $?"
done
"$rotsim" merge "$dir/shard-0.h5" "$dir/shard-1.h5" --out "$dir/merged.h5" --quiet \
    || fail "merge of a points sweep exited with $?"
/usr/bin/python3 - "$dir/points.h5" "$dir/merged.h5" <<'PY' || fail "the merged shards differ from the whole sweep"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    assert b["design"].attrs["kind"] == "points"
    for name in ("summary/killed", "timeseries/killed", "runs/point", "design/casualties.p_kia"):
        assert np.array_equal(a[name][()], b[name][()], equal_nan=True), name
PY

# A schedule with commas, quoted; the sweep of two points of it runs and resumes as a whole file.
# The points set the force themselves.
schedule=(--set run.horizon_days=40 --replications 2 --seed 5 --quiet)
"$rotsim" sweep "$scenario" "${schedule[@]}" --points "$src/tests/data/points/good.csv" \
    --out "$dir/schedule.h5" || fail "the sweep of quoted schedules exited with $?"
/usr/bin/python3 - "$dir/schedule.h5" <<'PY' || fail "the quoted schedule is not stored as text"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert list(f["design/strength.target_strength"].asstr()[()]) == ["0:300, 30:400", "0:300"]
    assert f["design/casualties.p_kia"][()].tolist() == [0.001, 0.002]
PY
"$rotsim" sweep "$scenario" "${schedule[@]}" --points "$src/tests/data/points/good.csv" \
    --out "$dir/schedule.h5" --resume 2>"$dir/err" || fail "--resume of a points sweep failed: $(cat "$dir/err")"
"$rotsim" summarize "$dir/points.h5" --metric killed >"$dir/summary" \
    || fail "summarize of a points sweep exited with $?"
grep -q "points sweep, 4 points" "$dir/summary" || fail "summarize: $(head -3 "$dir/summary")"

"$rotsim" sensitivity "$dir/points.h5" 2>"$dir/err" && fail "sensitivity accepted a points design"
grep -q "listed one by one" "$dir/err" || fail "sensitivity's refusal: $(cat "$dir/err")"
echo "sweep --points OK"
