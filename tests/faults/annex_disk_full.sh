#!/bin/bash
# usage: annex_disk_full.sh ROTSIM SCENARIO
# A disk that fills while `summarize --reduce` or `sensitivity` adds its group (issue 14): the
# message says "no space left on device" (it said "Input/output error"), names the file and says
# it is unchanged; the file keeps its bytes and no copy is left beside it. The full disk is a
# small tmpfs mounted in a private mount namespace (`unshare -rm`, no privilege needed); where
# that cannot be made, the test is skipped (exit status 77). Cases, by the tmpfs's size:
#   copy   1.5 times the file: the copy the group is added to cannot be made
#   write  the file twice over and a little: the copy is made, HDF5's writes of the group fail
set -u
if [ "${1:-}" = inner ]; then
    rotsim=$2 file=$3 kib=$4
    shift 4
    mnt=$(dirname "$file")/mnt
    mkdir -p "$mnt"
    mount -t tmpfs -o "size=${kib}k" tmpfs "$mnt" || exit 77
    cp "$file" "$mnt/L.h5" || { echo "FAIL: the tmpfs cannot hold the file"; exit 1; }
    before=$(md5sum <"$mnt/L.h5")
    err=$(cd "$mnt" && "$rotsim" "$@" 2>&1 >/dev/null)
    status=$?
    echo "tmpfs of $kib KiB, rotsim $*: exit status $status; stderr: $err"
    [ $status -ne 0 ] && [ $status -lt 128 ] || { echo "FAIL: expected a refusal"; exit 1; }
    [ "$(grep -c . <<<"$err")" -eq 1 ] || { echo "FAIL: expected one line of message"; exit 1; }
    grep -q "no space left on device" <<<"$err" || { echo "FAIL: not 'no space left'"; exit 1; }
    grep -q "'L.h5'.*the file is unchanged" <<<"$err" || { echo "FAIL: file not named"; exit 1; }
    [ "$(md5sum <"$mnt/L.h5")" = "$before" ] || { echo "FAIL: the file was changed"; exit 1; }
    left=$(cd "$mnt" && find . -mindepth 1 ! -name L.h5)
    [ -z "$left" ] || { echo "FAIL: left behind: $left"; exit 1; }
    exit 0
fi
rotsim=$(readlink -f "$1") scenario=$(readlink -f "$2")
dir=$(mktemp -d)
trap 'umount "$dir/mnt" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
if ! unshare -rm sh -c "mkdir -p '$dir/probe' && mount -t tmpfs -o size=64k tmpfs '$dir/probe'" \
    2>/dev/null; then
    echo "SKIP: no private tmpfs can be mounted here (unshare -rm)"
    exit 77
fi
"$rotsim" sweep "$scenario" --set run.horizon_days=400 --replications 4 --seed 3 --lhs 16 \
    --range casualties.p_kia=0.0002:0.003 --range pay.monthly_pay_usd=1000:3000 --quiet \
    --out "$dir/L.h5" || fail "setup sweep failed"
kib=$(($(stat -c %s "$dir/L.h5") / 1024))
echo "the sweep file: $kib KiB"
for command in "summarize L.h5 --reduce" "sensitivity L.h5"; do
    # shellcheck disable=SC2086
    unshare -rm bash "$0" inner "$rotsim" "$dir/L.h5" $((kib * 3 / 2)) $command ||
        fail "copy: $command"
done
unshare -rm bash "$0" inner "$rotsim" "$dir/L.h5" $((kib * 2 + 64)) summarize L.h5 --reduce ||
    fail "write: summarize --reduce"
echo "annex on a full disk OK"
