#!/bin/bash
# usage: interrupt.sh ROTSIM SOURCE_DIR SIGNAL
# A run interrupted by SIGNAL stops within a second, exits 128+signal, says how to continue, and
# leaves a file that opens with the replications completed so far.
set -u
rotsim=$1
src=$2
sig=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$rotsim" run "$src/scenarios/article-2024.ini" --replications 100000 --threads 2 \
    --out "$dir/run.h5" --quiet 2>"$dir/err" &
pid=$!
sleep 2
start=$(date +%s%N)
kill -s "$sig" $pid
wait $pid
status=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
cat "$dir/err"
expected=$((128 + $(kill -l "$sig")))
[ "$status" -eq "$expected" ] || fail "exit status $status, expected $expected"
echo "stopped in $elapsed_ms ms"
# A second to stop, plus time to flush and close the file on a busy 2-core machine.
[ "$elapsed_ms" -lt 1500 ] || fail "took $elapsed_ms ms to stop"
grep -q -- "--first-replication" "$dir/err" || fail "no advice on how to continue"
"$rotsim" summarize "$dir/run.h5" >"$dir/table" || fail "the interrupted file does not open"
grep -q "served" "$dir/table" || fail "no summary in the interrupted file"
echo "interrupt OK"
