#!/bin/bash
# usage: sweep_mpi.sh ROTSIM SOURCE_DIR MPIEXEC RANKS
# A sweep across MPI ranks equals the same sweep in one process.
set -u
rotsim=$1
src=$2
mpiexec=$3
ranks=$4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
args=("$src/scenarios/article-2024.ini" --set run.horizon_days=60
      --grid casualties.p_kia=0.0005,0.002,0.004 --grid strength.target_strength=0:300,0:900
      --replications 4 --quiet)

"$rotsim" sweep "${args[@]}" --threads 1 --out "$dir/one.h5" || fail "one process exited with $?"
# Open MPI refuses more ranks than cores, and root (as in CI), unless told.
flags=()
"$mpiexec" --version 2>&1 | grep -Eqi "open ?mpi|openrte" && flags=(--oversubscribe --allow-run-as-root)
start=$(date +%s%N)
"$mpiexec" "${flags[@]}" -np "$ranks" "$rotsim" sweep "${args[@]}" --out "$dir/mpi.h5" ||
    fail "mpirun exited with $?"
echo "$ranks ranks: $(( ($(date +%s%N) - start) / 1000000 )) ms"
/usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/one.h5" "$dir/mpi.h5" ||
    fail "the sweep on $ranks ranks differs from one process"
echo "MPI OK"
