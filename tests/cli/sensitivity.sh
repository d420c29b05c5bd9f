#!/bin/bash
# usage: sensitivity.sh ROTSIM SOURCE_DIR
# rotsim sensitivity end to end: an LHS and a Saltelli sweep analysed, printed and stored in
# /sensitivity; a second run refused unless --overwrite, the file then unchanged; grid sweeps and
# run files refused with a message saying why.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
scenario="$src/scenarios/article-2024.ini"
small=(--set run.horizon_days=60 --replications 2 --seed 42 --threads 2 --quiet)
ranges=(--range casualties.p_kia=0.0002:0.003 --range pay.monthly_pay_usd=1000:3000)

# Passes when the command fails (not by a signal) with PATTERN on stderr.
refused() {
    local pattern=$1
    shift
    local err status
    err=$("$@" 2>&1 >/dev/null)
    status=$?
    echo "refused with status $status: $err"
    [ $status -ne 0 ] && [ $status -lt 128 ] || fail "expected a refusal from: $*"
    grep -Eq -- "$pattern" <<<"$err" || fail "message does not match /$pattern/: $err"
}

"$rotsim" sweep "$scenario" "${small[@]}" --lhs 12 "${ranges[@]}" --out "$dir/lhs.h5" ||
    fail "lhs sweep exited with $?"
"$rotsim" sensitivity "$dir/lhs.h5" >"$dir/lhs.txt" || fail "sensitivity exited with $?"
cat "$dir/lhs.txt"
for word in "Latin hypercube of 12 points" SRC PRCC "R\^2" "killed +casualties.p_kia" \
    "pay.monthly_pay_usd"; do
    grep -Eq -- "$word" "$dir/lhs.txt" || fail "the table lacks '$word'"
done

# A second run neither replaces the indices nor touches the file.
before=$(md5sum <"$dir/lhs.h5")
refused "holds a /sensitivity group already.*--overwrite" "$rotsim" sensitivity "$dir/lhs.h5"
[ "$(md5sum <"$dir/lhs.h5")" = "$before" ] || fail "a refused run changed the file"
"$rotsim" sensitivity "$dir/lhs.h5" --no-store --metrics killed >/dev/null ||
    fail "--no-store exited with $?"
[ "$(md5sum <"$dir/lhs.h5")" = "$before" ] || fail "--no-store changed the file"
"$rotsim" sensitivity "$dir/lhs.h5" --overwrite --csv --metrics killed,accrued_usd >"$dir/lhs.csv" ||
    fail "--overwrite exited with $?"
head -1 "$dir/lhs.csv" | grep -q "^metric,key,src,src_lo,src_hi,prcc,prcc_lo,prcc_hi,r_squared" ||
    fail "unexpected CSV header: $(head -1 "$dir/lhs.csv")"
[ "$(wc -l <"$dir/lhs.csv")" -eq 5 ] || fail "expected 2 metrics x 2 keys and a header in the CSV"
ls -a "$dir" | grep -q sensitivity- && fail "a temporary copy was left behind"

"$rotsim" sweep "$scenario" "${small[@]}" --sobol 8 "${ranges[@]}" --out "$dir/sobol.h5" ||
    fail "sobol sweep exited with $?"
"$rotsim" sensitivity "$dir/sobol.h5" --bootstrap 200 >"$dir/sobol.txt" ||
    fail "sensitivity of the Saltelli sweep exited with $?"
cat "$dir/sobol.txt"
for word in "Saltelli design of 8 base samples \(32 points\)" S1 ST "200 bootstrap resamples"; do
    grep -Eq -- "$word" "$dir/sobol.txt" || fail "the table lacks '$word'"
done

/usr/bin/python3 - "$dir/lhs.h5" "$dir/sobol.h5" <<'PY' || fail "the /sensitivity groups are not as documented"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    g = f["sensitivity"]
    assert g.attrs["method"] == "regression", g.attrs["method"]
    metrics, keys = list(g["metric"].asstr()[()]), list(g["key"].asstr()[()])
    assert metrics == ["killed", "accrued_usd"], metrics  # the --overwrite run's
    assert keys == ["casualties.p_kia", "pay.monthly_pay_usd"], keys
    for name in ["src", "src_lo", "src_hi", "prcc", "prcc_lo", "prcc_hi"]:
        assert g[name].shape == (2, 2), (name, g[name].shape)
    assert g["r_squared"].shape == (2,)
    # Deaths grow with p_kia; pay accrues with the monthly pay.
    assert g["prcc"][0, 0] > 0.9 and g["prcc"][1, 1] > 0.9, g["prcc"][()]
    assert f["summary/killed"].shape == (24,) and f["design"].attrs["kind"] == "lhs"
with h5py.File(sys.argv[2], "r") as f:
    g = f["sensitivity"]
    assert g.attrs["method"] == "sobol" and g.attrs["bootstrap_resamples"] == 200
    n, k = len(g["metric"]), len(g["key"])
    # Every stored summary, then the derived ones (docs/hdf5-schema.md), computed on read.
    derived = ["casualties", "killed_per_1000_served", "usd_per_death"]
    coordinates = ("run", "time", "date", "replication", "seed", "point")  # not metrics
    stored = [m for m in f["summary"] if m not in coordinates]
    assert n == len(stored) + len(derived) and k == 2, (n, k)
    assert list(g["metric"].asstr()[()])[-3:] == derived, list(g["metric"].asstr()[()])
    for name in ["first", "first_lo", "first_hi", "total", "total_lo", "total_hi"]:
        assert g[name].shape == (n, k), (name, g[name].shape)
    row = list(g["metric"].asstr()[()]).index("accrued_usd")
    assert g["total"][row, 1] > 0.5, g["total"][row]
print("/sensitivity as documented")
PY

"$rotsim" sweep "$scenario" "${small[@]}" --grid strength.max_tours=1,2 --out "$dir/grid.h5" ||
    fail "grid sweep exited with $?"
refused "grid.h5.*grid sweep.*--lhs.*--sobol" "$rotsim" sensitivity "$dir/grid.h5"
"$rotsim" run "$scenario" --set run.horizon_days=60 --replications 2 --quiet --out "$dir/run.h5" ||
    fail "run exited with $?"
refused "run.h5.*not a sweep file" "$rotsim" sensitivity "$dir/run.h5"
refused "no summary metric 'kiled'" "$rotsim" sensitivity "$dir/lhs.h5" --no-store --metrics kiled
refused "no such file" "$rotsim" sensitivity "$dir/none.h5"
echo "sensitivity OK"
