#!/bin/bash
# usage: sweep_reproduce.sh ROTSIM SOURCE_DIR
# Any run of a sweep is reproduced alone by `rotsim run` with the point's overrides, the seed and
# --first-replication, as docs/hpc.md says.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
scenario="$src/scenarios/article-2024.ini"

"$rotsim" sweep "$scenario" --set run.horizon_days=60 --lhs 5 \
    --range casualties.p_kia=0.0002:0.003 --range strength.max_tours=1:3 --replications 3 \
    --seed 42 --out "$dir/sweep.h5" --quiet || fail "sweep exited with $?"
# Row 11 is point 3, replication 2. Its overrides, one per line, become --set options.
sets=()
while IFS= read -r line; do sets+=(--set "$line"); done < <(/usr/bin/python3 -c '
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    row = 11
    point, replication = f["runs/point"][row], f["runs/replication"][row]
    assert (point, replication) == (3, 2), (point, replication)
    print(f["design/overrides"].asstr()[point])' "$dir/sweep.h5")
[ ${#sets[@]} -eq 4 ] || fail "expected two overrides, got: ${sets[*]}"
"$rotsim" run "$scenario" --set run.horizon_days=60 "${sets[@]}" --seed 42 \
    --first-replication 2 --replications 1 --out "$dir/alone.h5" --quiet || fail "run exited with $?"
/usr/bin/python3 - "$dir/sweep.h5" "$dir/alone.h5" <<'PY' || fail "the run alone differs from the sweep's row"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as s, h5py.File(sys.argv[2], "r") as r:
    for group in ["timeseries", "summary"]:
        for name in s[group]:
            # Coordinates differ by design: the row (`run`) and the design point.
            if name in ("run", "point", "time", "date"):
                continue
            a, b = s[group][name][11], r[group][name][0]
            assert np.array_equal(a, b, equal_nan=True), (group, name)
    assert s["runs/seed"][11] == r["runs/seed"][0] == 42
print("row 11 of the sweep = rotsim run --first-replication 2")
PY
echo "reproduce OK"
