#!/bin/bash
# usage: sweep_shards.sh ROTSIM SOURCE_DIR
# A sweep run as 3 shards and merged equals the sweep run whole; merge refuses shards of another
# sweep, a shard given twice, a missing shard and a shard of another random-stream version, naming
# the files.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
sweep() {
    "$rotsim" sweep "$src/scenarios/article-2024.ini" --set run.horizon_days=60 \
        --set strength.target_strength=0:500 --grid casualties.p_kia=0.0005,0.002,0.004 \
        --grid strength.max_tours=1:2:1 --replications 3 --threads 2 --quiet "$@"
}

sweep --out "$dir/whole.h5" || fail "the whole sweep exited with $?"
for i in 0 1 2; do
    sweep --shard "$i/3" --out "$dir/shard$i.h5" || fail "shard $i/3 exited with $?"
done
"$rotsim" merge "$dir/shard2.h5" "$dir/shard0.h5" "$dir/shard1.h5" --out "$dir/merged.h5" ||
    fail "merge exited with $?"
/usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/whole.h5" "$dir/merged.h5" ||
    fail "3 shards merged differ from the whole sweep"

refuses() {
    local pattern=$1
    shift
    if "$rotsim" merge "$@" --out "$dir/bad.h5" 2>"$dir/err"; then fail "merge accepted $*"; fi
    grep -Eq -- "$pattern" "$dir/err" || fail "merge message does not match /$pattern/: $(cat "$dir/err")"
    [ ! -e "$dir/bad.h5" ] || fail "a refused merge left a file"
}
sweep --seed 7 --shard 2/3 --out "$dir/other2.h5" || fail "the other sweep's shard failed"
refuses "other2.h5.*not shards of one sweep.*seeds differ" "$dir/shard0.h5" "$dir/shard1.h5" "$dir/other2.h5"
refuses "both shard 1/3" "$dir/shard0.h5" "$dir/shard1.h5" "$dir/shard1.h5" "$dir/shard2.h5"
refuses "6 of 18 runs.*missing shards: 1/3" "$dir/shard0.h5" "$dir/shard2.h5"
# A shard of random-stream version 1 (made before the attribute existed): its numbers are another
# generator's, so it is no shard of this sweep, and --resume refuses it too.
cp "$dir/shard2.h5" "$dir/old2.h5"
/usr/bin/python3 -c 'import h5py, sys; del h5py.File(sys.argv[1], "r+").attrs["stream_version"]' \
    "$dir/old2.h5" || fail "cannot make a version-1 shard"
refuses "old2.h5.*not shards of one sweep.*random-stream versions 3 and 1" "$dir/shard0.h5" \
    "$dir/shard1.h5" "$dir/old2.h5"
if sweep --shard 2/3 --resume --out "$dir/old2.h5" 2>"$dir/err"; then
    fail "--resume accepted a file of another stream version"
fi
grep -q "random-stream versions 1 and 3" "$dir/err" || fail "--resume message: $(cat "$dir/err")"
echo "shards OK"
