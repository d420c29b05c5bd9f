#!/bin/bash
# usage: disk_full.sh ROTSIM SCENARIO new|overwrite|sweep
# The disk fills while rotsim writes: a file size limit of 100 KiB (ulimit -f) makes every
# write past it fail with EFBIG, as on a full disk; SIGXFSZ, which would kill the process
# instead, is ignored, as the shell's `trap '' XFSZ` is inherited. rotsim must exit non-zero
# with one message naming the file, and nothing that existed before may change:
#   new        `rotsim run` to a new file: no file is left under its name (nor a temporary one),
#              and an earlier result file in the same directory is untouched
#   overwrite  `rotsim run --overwrite` of an earlier result file: it keeps the old results
#   sweep      `rotsim sweep` to a new file, which is written in place: the file keeps the runs
#              flushed before the disk filled, and `--resume` (with space again) finishes it
set -u
rotsim=$1 scenario=$2 mode=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# ulimit -f binds root too (RLIMIT_FSIZE has no exemption for privilege). Where it cannot be set
# or does not bind, the fault cannot be made, and ctest reports the test as skipped.
if (trap '' XFSZ; ulimit -f 100 && head -c 204800 /dev/zero >"$dir/probe") 2>/dev/null; then
    echo "SKIP: a file size limit (ulimit -f) does not bind here"
    exit 77
fi
rm -f "$dir/probe"

"$rotsim" run "$scenario" --replications 2 --out "$dir/earlier.h5" --quiet || fail "setup run failed"
before=$(md5sum <"$dir/earlier.h5")
target=$dir/new.h5
extra=()
if [ "$mode" = overwrite ]; then
    target=$dir/earlier.h5
    extra=(--overwrite)
fi
command=(run "$scenario" --replications 8 --threads 2)
if [ "$mode" = sweep ]; then
    command=(sweep "$scenario" --grid casualties.p_kia=0.0005,0.001 --replications 40 --threads 2
        --flush-seconds 0.01)
fi
(
    trap '' XFSZ
    ulimit -f 100
    exec "$rotsim" "${command[@]}" --out "$target" "${extra[@]}" --quiet
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
left=$(cd "$dir" && find . -mindepth 1 ! -name earlier.h5 ! -name err ! -name new.h5)
[ -z "$left" ] || fail "left behind: $left"
if [ "$mode" = sweep ]; then
    "$rotsim" "${command[@]}" --out "$target" --resume --quiet || fail "--resume did not finish it"
    "$rotsim" summarize "$target" >/dev/null || fail "the resumed sweep does not read"
elif [ -e "$dir/new.h5" ]; then
    fail "a partial file was left as new.h5"
fi
echo "disk full ($mode) OK"
