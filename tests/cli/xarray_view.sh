#!/bin/bash
# usage: xarray_view.sh ROTSIM SOURCE_DIR
# Every kind of file rotsim writes opens in xarray without options (docs/hdf5-schema.md) and shows
# what h5py shows: a run file (cut short by --precision, and with --every), a file of contingents,
# an expected-value file, a sweep with a text key, shards merged, drawn inputs and a calibration.
# The dimension scales keep files reproducible: the same run on 1 and 2 threads gives the same file.
# The Python examples of docs/hdf5-schema.md run on these files.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
if ! /usr/bin/python3 -c 'import h5py, xarray, h5netcdf' 2>/dev/null; then
    echo "python3-xarray or python3-h5netcdf missing: tools/bootstrap.sh installs them"; exit 1
fi
scenario="$src/scenarios/article-2024.ini"
small=(--set run.horizon_days=60 --set strength.target_strength=0:500 --quiet)

"$rotsim" run "$scenario" "${small[@]}" -n 3 --threads 1 --out "$dir/run.h5" || fail "run: $?"
"$rotsim" run "$scenario" "${small[@]}" -n 3 --threads 2 --out "$dir/run2.h5" || fail "run: $?"
/usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/run.h5" "$dir/run2.h5" ||
    fail "the file depends on threads"
"$rotsim" run "$scenario" "${small[@]}" -n 2 --every 7 --single-precision \
    --series killed,accrued_usd --out "$dir/every.h5" || fail "run --every: $?"
"$rotsim" run "$scenario" --set run.horizon_days=60 --precision killed=0.05 --replications 300 \
    --out "$dir/precision.h5" >/dev/null || fail "run --precision: $?"
"$rotsim" run "$src/tests/data/contingents/combat-and-builders.ini" --set run.horizon_days=80 -n 2 \
    --quiet --out "$dir/contingents.h5" || fail "run of contingents: $?"
"$rotsim" expect "$scenario" --set run.horizon_days=60 --out "$dir/expect.h5" >/dev/null ||
    fail "expect: $?"
sweep=("$rotsim" sweep "$scenario" "${small[@]}" --grid casualties.p_kia=0.0005,0.002
       --grid strength.rotation_policy=individual,unit --replications 2)
"${sweep[@]}" --out "$dir/sweep.h5" || fail "sweep: $?"
for i in 0 1; do
    "${sweep[@]}" --shard "$i/2" --out "$dir/shard$i.h5" || fail "shard $i/2: $?"
done
"$rotsim" merge "$dir/shard1.h5" "$dir/shard0.h5" --out "$dir/merged.h5" || fail "merge: $?"
"$rotsim" run "$src/tests/data/uncertainty/priors.ini" --set run.horizon_days=60 --input-draws 3 \
    -n 2 --quiet --out "$dir/draws.h5" || fail "run --input-draws: $?"
"$rotsim" calibrate "$scenario" --set run.horizon_days=60 --samples 4 --quiet \
    --targets "$src/tests/data/calibration/good.csv" --range casualties.p_kia=0.0002:0.003 \
    --out "$dir/calibration.h5" >/dev/null || fail "calibrate: $?"

/usr/bin/python3 "$src/tests/cli/xarray_view.py" "$dir"/{run,every,precision,contingents,expect}.h5 \
    "$dir"/{sweep,shard0,merged,draws,calibration}.h5 || fail "xarray's view differs from h5py's"
/usr/bin/python3 - "$dir/merged.h5" "$dir/precision.h5" <<'PY' || fail "scales do not follow the run axis"
import sys, h5py, xarray as xr
merged, cut = sys.argv[1], sys.argv[2]
with h5py.File(merged, "r") as f:
    assert f["timeseries/run"].shape == (8,), f["timeseries/run"].shape
ds = xr.open_dataset(merged, group="summary", engine="h5netcdf")
assert list(ds["point"].values) == [0, 0, 1, 1, 2, 2, 3, 3], ds["point"].values
with h5py.File(cut, "r") as f:
    runs = int(f.attrs["runs"])
    assert 0 < runs < 300 and f["summary/run"].shape == (runs,), (runs, f["summary/run"].shape)
PY
"$rotsim" run "$scenario" -n 2 --agents 1 --quiet --out "$dir/article.h5" || fail "article: $?"
/usr/bin/python3 "$src/tests/cli/docs_examples.py" "$src/docs/hdf5-schema.md" "$dir/article.h5" \
    "$dir/contingents.h5" "$dir/sweep.h5" || fail "an example of docs/hdf5-schema.md fails"
echo "xarray OK"
