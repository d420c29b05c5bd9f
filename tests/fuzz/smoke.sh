#!/bin/bash
# usage: smoke.sh FUZZER WORKDIR SECONDS CORPUS
# Runs a libFuzzer program for SECONDS from the committed CORPUS. New inputs go to WORKDIR/new
# (emptied first, so the committed corpus is never written to), crash reproducers to
# WORKDIR/artifacts. Fails on any crash, leak, timeout or sanitizer report.
set -u
fuzzer=$1 work=$2 seconds=$3 corpus=$4
rm -rf "$work"
if [ ! -x "$fuzzer" ]; then
    echo "FAIL: $fuzzer was not built: the Clang sub-build failed (its errors are in the build log)"
    exit 1
fi
mkdir -p "$work/new" "$work/artifacts"
# Leaks inside libhdf5 on corrupt files are the library's (lsan.supp says which).
export LSAN_OPTIONS="suppressions=$(dirname "$0")/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
"$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/new" "$corpus" 2>&1 | tail -n 40
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo "FAIL: $fuzzer exited with $status; reproducer(s) in $work/artifacts:"
    ls -l "$work/artifacts"
    echo "Replay one with: $fuzzer <file>; then add it to $corpus and fix the bug."
    exit 1
fi
echo "fuzzed ${seconds} s without a crash"
