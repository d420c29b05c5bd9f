#!/bin/bash
# usage: plot_uncertainty.sh ROTSIM SOURCE_DIR
# rotsim-plot on runs of drawn inputs (priors): fans pooling every run and saying so, the variance
# split equal to rotsim summarize's, the drawn inputs, no per-point sweep figures; and with 1
# replication a point, a split of NaN as summarize's.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
if ! /usr/bin/python3 -c 'import h5py, matplotlib' 2>/dev/null; then
    echo "python3-h5py or python3-matplotlib missing: tools/bootstrap.sh installs them"; exit 1
fi
priors=$src/tests/data/uncertainty/priors.ini
for r in 3 1; do
    "$rotsim" run "$priors" --input-draws 6 --replications $r --seed 4 --threads 2 \
        --out "$dir/prior$r.h5" --quiet || fail "run of drawn inputs (-n $r) exited with $?"
    "$rotsim" summarize "$dir/prior$r.h5" --csv > "$dir/split$r.csv" ||
        fail "summarize (-n $r) exited with $?"
    "$src/tools/rotsim-plot" "$dir/prior$r.h5" --out "$dir/plots$r" || fail "rotsim-plot failed"
    /usr/bin/python3 "$src/tests/cli/check_plots.py" "$dir/plots$r" --drawn prior \
        "$dir/split$r.csv" || fail "plots of prior draws (-n $r) are wrong"
done
# With 3 replications the split exists for the metrics that vary; with 1 it is NaN everywhere.
grep -q '^killed,.*,[0-9.e-]*$' "$dir/plots3/variance_split.csv" || fail "no split of killed"
awk -F, 'NR > 1 && $NF != "nan" { bad = 1 } END { exit bad }' "$dir/plots1/variance_split.csv" ||
    fail "a split with 1 replication a point"
echo "plot of drawn inputs OK"
