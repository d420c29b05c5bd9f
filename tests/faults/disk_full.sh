#!/bin/bash
# usage: disk_full.sh ROTSIM SCENARIO new|overwrite
# The disk fills while `rotsim run` writes: a file size limit of 100 KiB (ulimit -f) makes every
# write past it fail with EFBIG, as on a full disk; SIGXFSZ, which would kill the process
# instead, is ignored, as the shell's `trap '' XFSZ` is inherited. rotsim must exit non-zero
# with one message naming the file, and nothing that existed before may change:
#   new        writing a new file; an earlier result file in the same directory is untouched
#   overwrite  --overwrite of an earlier result file: a failed replacement keeps the old results
set -u
rotsim=$1 scenario=$2 mode=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$rotsim" run "$scenario" --replications 2 --out "$dir/earlier.h5" --quiet || fail "setup run failed"
before=$(md5sum <"$dir/earlier.h5")
target=$dir/new.h5
extra=()
if [ "$mode" = overwrite ]; then
    target=$dir/earlier.h5
    extra=(--overwrite)
fi
(
    trap '' XFSZ
    ulimit -f 100
    exec "$rotsim" run "$scenario" --replications 8 --threads 2 --out "$target" "${extra[@]}" --quiet
) 2>"$dir/err"
status=$?
echo "exit status $status; stderr:"
head -c 3000 "$dir/err"
[ $status -ne 0 ] || fail "rotsim exited 0 although its file could not be written"
[ $status -lt 128 ] || fail "killed by signal $((status - 128))"
lines=$(grep -c . "$dir/err")
[ "$lines" -eq 1 ] || fail "expected one line of message, got $lines"
grep -q "$(basename "$target")" "$dir/err" || fail "the message does not name the file"
[ "$(md5sum <"$dir/earlier.h5")" = "$before" ] || fail "the earlier result file was changed"
"$rotsim" summarize "$dir/earlier.h5" >/dev/null || fail "the earlier result file no longer reads"
echo "disk full ($mode) OK"
