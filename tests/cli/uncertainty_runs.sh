#!/bin/bash
# usage: uncertainty_runs.sh ROTSIM SOURCE_DIR [MPIEXEC]
# A run of drawn inputs (priors): the same file on 1 and 2 threads (and on 2 MPI ranks), the
# variance split equal to numpy's, and the design stored (docs/uncertainty.md).
set -u
rotsim=$1
src=$2
mpiexec=${3:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
args=("$src/tests/data/uncertainty/priors.ini" --input-draws 12 --replications 3 --seed 5 --quiet)
"$rotsim" run "${args[@]}" --threads 1 --out "$dir/one.h5" || fail "1 thread exited with $?"
"$rotsim" run "${args[@]}" --threads 2 --out "$dir/two.h5" || fail "2 threads exited with $?"
/usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/one.h5" "$dir/two.h5" ||
    fail "1 and 2 threads differ"
if [ -n "$mpiexec" ]; then
    flags=()
    "$mpiexec" --version 2>&1 | grep -Eqi "open ?mpi|openrte" &&
        flags=(--oversubscribe --allow-run-as-root)
    "$mpiexec" "${flags[@]}" -np 2 "$rotsim" run "${args[@]}" --out "$dir/mpi.h5" ||
        fail "mpirun exited with $?"
    /usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/one.h5" "$dir/mpi.h5" ||
        fail "2 MPI ranks differ from one process"
fi
/usr/bin/python3 - "$dir/one.h5" <<'PY' || fail "the design is not as drawn"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
d = f["design"]
kind = d.attrs["kind"]
assert kind == "prior", kind
keys = list(d.attrs["keys"])
assert len(keys) == 5 and keys[2] == "casualties.intensity.value[1]", keys
assert d.attrs["seed"] == 5, d.attrs["seed"]
assert d["durations.russia_training_days"].shape == (12,)
assert f["runs/point"].shape == (36,), f["runs/point"].shape
assert sorted(set(f["runs/point"][:])) == list(range(12))
print("design:", kind, keys)
PY
"$rotsim" summarize "$dir/one.h5" --csv > "$dir/split.csv" || fail "summarize exited with $?"
/usr/bin/python3 "$src/tests/cli/uncertainty_split.py" "$dir/one.h5" "$dir/split.csv" || exit 1
"$rotsim" summarize "$dir/one.h5" | grep -q "inputs_share" || fail "no split in the table"
"$rotsim" sensitivity "$dir/one.h5" --no-store --metric killed >/dev/null ||
    fail "sensitivity of drawn inputs exited with $?"
echo "drawn inputs OK"
