#!/bin/bash
# usage: plot.sh ROTSIM SOURCE_DIR — rotsim-plot on a small run: figures, titles, index.html.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
if ! /usr/bin/python3 -c 'import h5py, matplotlib' 2>/dev/null; then
    echo "python3-h5py or python3-matplotlib missing: tools/bootstrap.sh installs them"; exit 1
fi
"$rotsim" run "$src/scenarios/article-2024.ini" -n 3 --set run.horizon_days=120 --every 2 \
    --out "$dir/run.h5" --quiet || fail "run failed"
"$src/tools/rotsim-plot" "$dir/run.h5" --out "$dir/plots" || fail "rotsim-plot failed"
/usr/bin/python3 "$src/tests/cli/check_plots.py" "$dir/plots" || fail "plots are wrong"
if "$src/tools/rotsim-plot" "$src/README.md" --out "$dir/bad" 2>"$dir/err"; then
    fail "a file that is not HDF5 was accepted"
fi
grep -q "README.md" "$dir/err" || fail "the refusal does not name the file: $(cat "$dir/err")"
echo "plot OK"
