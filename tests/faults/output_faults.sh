#!/bin/bash
# usage: output_faults.sh ROTSIM SCENARIO CASE
# `rotsim run` refuses an output it cannot write, with one message and a non-zero exit, before it
# simulates anything, and leaves nothing behind. CASE is one of:
#   unwritable   the output directory is not writable. As a normal user a chmod 555 directory;
#                as root (CI), which may write anywhere, a directory of /proc, which the kernel
#                keeps read-only even for root.
#   not-a-dir    the output's directory is a file
#   missing      the output's directory does not exist, two levels deep
#   device       the output is a device (/dev/null), even with --overwrite
set -u
rotsim=$(readlink -f "$1") scenario=$(readlink -f "$2") case=$3
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
cd "$dir" || exit 1
extra=()
case $case in
unwritable)
    if [ "$(id -u)" -eq 0 ]; then
        out=/proc/self/rotsim-test.h5
    else
        mkdir locked && chmod 555 locked
        out=locked/run.h5
    fi
    pattern="is not writable"
    ;;
not-a-dir)
    echo "a file" >results
    out=results/run.h5
    pattern="'results'.*(not a directory|does not exist)"
    ;;
missing)
    out=no-such-dir/deeper/run.h5
    pattern="no-such-dir/deeper.*does not exist"
    ;;
device)
    out=/dev/null
    extra=(--overwrite)
    pattern="/dev/null.*(not a regular file|is a device)"
    ;;
*)
    echo "unknown case $case"
    exit 2
    ;;
esac
bash "$here/expect_one_message.sh" "$pattern" "$rotsim" run "$scenario" --replications 1 \
    --out "$out" "${extra[@]}" --quiet || exit 1
left=$(find . -mindepth 1 ! -name results ! -name locked)
[ -z "$left" ] || { echo "FAIL: left behind: $left"; exit 1; }
echo "output fault '$case' OK"
