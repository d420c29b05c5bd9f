#!/bin/bash
# usage: run_end_to_end.sh ROTSIM SOURCE_DIR
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$rotsim" run "$src/scenarios/article-2024.ini" --replications 4 --threads 2 --agents 1 \
    --out "$dir/run.h5" --quiet || fail "run exited with $?"
[ -s "$dir/run.h5" ] || fail "no output file"

before=$(md5sum <"$dir/run.h5")
"$rotsim" run "$src/scenarios/article-2024.ini" --replications 2 --out "$dir/run.h5" --quiet 2>"$dir/err"
status=$?
[ $status -ne 0 ] || fail "an existing file was overwritten without --overwrite"
# A refusal, not a crash (nor a sanitizer's abort, in the sanitizer build).
[ $status -lt 128 ] || fail "the refused run was killed by signal $((status - 128)): $(cat "$dir/err")"
grep -q -- "--overwrite" "$dir/err" || fail "refusal does not mention --overwrite: $(cat "$dir/err")"
[ "$(md5sum <"$dir/run.h5")" = "$before" ] || fail "the refused run changed the existing file"

"$rotsim" run "$src/scenarios/article-2024.ini" --replications 2 --out "$dir/run2.h5" --quiet \
    --set casualties.p_kia=0.001 || fail "run with --set failed"
"$rotsim" run "$src/scenarios/article-2024.ini" --replications 2 --out "$dir/run2.h5" --quiet \
    --overwrite || fail "--overwrite did not replace the file"

"$rotsim" summarize "$dir/run.h5" >"$dir/table" || fail "summarize failed"
grep -q "served" "$dir/table" || fail "summary table has no 'served' row"
"$rotsim" summarize "$dir/run.h5" --csv | head -1 | grep -q "," || fail "--csv output is not CSV"

if /usr/bin/python3 -c 'import h5py' 2>/dev/null; then
    /usr/bin/python3 "$src/tests/cli/read_with_h5py.py" "$dir/run.h5" || fail "h5py check failed"
else
    echo "python3-h5py not installed: skipping the Python reading check"
fi
echo "end-to-end OK"
