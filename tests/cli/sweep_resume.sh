#!/bin/bash
# usage: sweep_resume.sh ROTSIM SOURCE_DIR
# A sweep killed with SIGKILL part-way leaves a file that opens (also to h5py while the sweep
# writes it) with the runs finished so far; --resume runs the rest and ends with the same file as
# a sweep never interrupted.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null; rm -rf "$dir"' EXIT
pid=0
fail() { echo "FAIL: $*"; exit 1; }
sweep() {
    ${exec_sweep:+exec} "$rotsim" sweep "$src/scenarios/article-2024.ini" --set run.horizon_days=90 \
        --grid casualties.p_kia=0.0002:0.003:0.0002 --replications 4 --threads 1 \
        --flush-seconds 0.1 --quiet "$@"
}
runs_done() { # runs done in the file, read as an analyst would while the sweep writes it
    /usr/bin/python3 - "$1" <<'PY' 2>/dev/null || echo 0
import sys, h5py
with h5py.File(sys.argv[1], "r", swmr=True) as f:
    print(int((f["runs/status"][()] == 1).sum()))
PY
}

sweep --out "$dir/whole.h5" || fail "the whole sweep exited with $?"
# exec: $! is then rotsim itself, not a subshell running the function (killing that would leave
# rotsim writing on, and --resume rightly refused as a second writer).
(exec_sweep=1 sweep --out "$dir/killed.h5") &
pid=$!
for _ in $(seq 100); do
    [ "$(runs_done "$dir/killed.h5")" -ge 10 ] && break
    sleep 0.1
done
kill -9 $pid
wait $pid 2>/dev/null
done_at_kill=$(runs_done "$dir/killed.h5")
echo "killed with $done_at_kill of 60 runs in the file"
[ "$done_at_kill" -ge 10 ] || fail "the file read while written showed no runs"
[ "$done_at_kill" -lt 60 ] || echo "note: the sweep finished before the kill"
"$rotsim" summarize "$dir/killed.h5" >"$dir/table" || fail "the killed sweep's file does not open"
grep -q "served" "$dir/table" || fail "no summary in the killed sweep's file"

sweep --out "$dir/killed.h5" --resume 2>"$dir/err" || fail "--resume exited with $?: $(cat "$dir/err")"
cat "$dir/err"
/usr/bin/python3 "$src/tests/cli/same_results.py" "$dir/whole.h5" "$dir/killed.h5" ||
    fail "the resumed sweep differs from the whole one"
[ ! -e "$dir/killed.h5.resume" ] || fail "--resume left its temporary file"
echo "resume OK"
