#!/bin/bash
# usage: one_writer.sh ROTSIM SCENARIO CASE
# One writer per file (issue 14, items 4 and 5): every command that writes or annexes a file holds
# the lock `.NAME.lock` beside it from before its work; a second writer is refused at once with
# one message naming the file and the holder's PID, and the first writer's file stays intact.
# Deterministic: the first writer is held still with SIGSTOP once its lock file names it, or the
# lock is held by a helper process, rather than racing two commands' timings.
#   two-sweeps     a second sweep --overwrite of a file a sweep writes is refused; the first
#                  finishes with every run in its file
#   resume         sweep --resume of a file a sweep still writes is refused
#   run-expect-merge  run, expect and merge to an --out whose lock is held are refused, leaving
#                  nothing behind
#   reduce-sensitivity  summarize --reduce and sensitivity of a file whose lock is held are
#                  refused with the file unchanged; both at the same moment, five times: each
#                  either stores its group or is refused, never a group reported stored and lost
#   stale          a lock left by a writer killed with kill -9 does not block the next writer
#   released       no lock file is left after success, a refused input, or SIGINT
#   mpi            (with MPIEXEC as 4th argument) an MPI sweep's ranks are not refused by their
#                  job's lock; a job whose file another process writes is refused
#   interrupted    SIGINT during summarize --reduce or sensitivity leaves no lock file, no copy
set -u
rotsim=$(readlink -f "$1") scenario=$(readlink -f "$2") case=$3
dir=$(mktemp -d)
helper= writer=
cleanup() {
    [ -n "$helper" ] && kill -9 "$helper" 2>/dev/null
    # A writer a failed case left stopped would hold ctest's output open forever.
    [ -n "$writer" ] && kill -9 "$writer" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
small=(--set run.horizon_days=60 --seed 5 --quiet)
grid=(--grid casualties.p_kia=0.0005,0.001,0.002 --replications 60 --threads 1 --flush-seconds 0.01)

# Passes when the command fails (not by a signal) with one line of message matching PATTERN.
refused() {
    local pattern=$1
    shift
    local err status
    err=$("$@" 2>&1 >/dev/null)
    status=$?
    echo "refused with status $status: $err"
    [ $status -ne 0 ] && [ $status -lt 128 ] || fail "expected a refusal from: $*"
    [ "$(grep -c . <<<"$err")" -eq 1 ] || fail "expected one line of message from: $*"
    grep -Eq -- "$pattern" <<<"$err" || fail "message does not match /$pattern/: $err"
}

# Waits until the lock file of $1 names process $2.
await_lock() {
    for _ in $(seq 600); do
        [ "$(cat ".$1.lock" 2>/dev/null)" = "$2" ] && return 0
        kill -0 "$2" 2>/dev/null || fail "process $2 ended before it locked $1"
        sleep 0.05
    done
    fail "process $2 never locked $1"
}

# Whether process $1 is stopped (state T in /proc), not running or a zombie.
stopped() {
    for _ in $(seq 100); do
        case "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" in
        T | t) return 0 ;;
        Z | "") return 1 ;;
        esac
        sleep 0.01
    done
    return 1
}

# Whether process $1 has its SIGINT handler in place (SigCgt in /proc): the lock is taken just
# before it, and until then the SIGINT a background job inherits ignored is still ignored.
catches_sigint() {
    local caught
    caught=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null)
    [ -n "$caught" ] && (( (16#$caught & 2) != 0 ))
}

# Holds the lock of $1 from a helper process, as a writer would, until killed.
hold_lock() {
    /usr/bin/python3 -c '
import fcntl, os, sys, time
fd = os.open("." + sys.argv[1] + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, b"%d\n" % os.getpid())
time.sleep(600)' "$1" &
    helper=$!
    await_lock "$1" "$helper"
}

no_locks_left() {
    local left
    left=$(find . -mindepth 1 -name '*.lock' -o -mindepth 1 -name '.*tmp-*')
    [ -z "$left" ] || fail "left behind: $left"
}

# Starts a sweep into $1 in the background, stopped once it holds the lock; sets $writer.
stopped_sweep() {
    "$rotsim" sweep "$scenario" "${small[@]}" "${grid[@]}" --out "$1" &
    writer=$!
    await_lock "$1" "$writer"
    kill -STOP "$writer"
}

finish_sweep() {
    kill -CONT "$writer"
    wait "$writer" || fail "the first sweep exited with $?"
    "$rotsim" summarize "$1" >/dev/null || fail "the first sweep's file does not read"
    /usr/bin/python3 -c '
import h5py, sys
f = h5py.File(sys.argv[1], "r")
status = f["runs/status"][:]
assert len(status) == 180 and (status == 1).all(), status' "$1" ||
        fail "not every run of the first sweep is in its file"
}

case $case in
two-sweeps)
    stopped_sweep s.h5
    refused "'s.h5' is being written by another process \\(PID $writer\\)" \
        "$rotsim" sweep "$scenario" "${small[@]}" "${grid[@]}" --out s.h5 --overwrite
    finish_sweep s.h5
    ;;
resume)
    stopped_sweep s.h5
    refused "'s.h5' is being written by another process \\(PID $writer\\)" \
        "$rotsim" sweep "$scenario" "${small[@]}" "${grid[@]}" --out s.h5 --resume
    finish_sweep s.h5
    ;;
run-expect-merge)
    "$rotsim" sweep "$scenario" "${small[@]}" --grid casualties.p_kia=0.001 --replications 2 \
        --out shard.h5 || fail "setup sweep failed"
    hold_lock out.h5
    pattern="'out.h5' is being written by another process \\(PID $helper\\)"
    refused "$pattern" "$rotsim" run "$scenario" "${small[@]}" --replications 2 --out out.h5
    refused "$pattern" "$rotsim" expect "$scenario" --set run.horizon_days=60 --out out.h5
    refused "$pattern" "$rotsim" merge shard.h5 --out out.h5
    refused "$pattern" "$rotsim" sweep "$scenario" "${small[@]}" --grid casualties.p_kia=0.001 \
        --replications 2 --out out.h5
    # A symbolic link names the file it leads to, so it shares that file's lock.
    ln -s out.h5 link.h5
    refused "'link.h5' is being written by another process" \
        "$rotsim" run "$scenario" "${small[@]}" --replications 2 --out link.h5
    [ ! -e out.h5 ] || fail "a refused writer made out.h5"
    kill -9 "$helper"
    wait "$helper" 2>/dev/null
    helper=
    "$rotsim" run "$scenario" "${small[@]}" --replications 2 --out out.h5 ||
        fail "run after the lock was let go failed"
    no_locks_left
    ;;
reduce-sensitivity)
    "$rotsim" sweep "$scenario" "${small[@]}" --replications 2 --lhs 8 \
        --range casualties.p_kia=0.0002:0.003 --out L.h5 || fail "setup sweep failed"
    before=$(md5sum <L.h5)
    hold_lock L.h5
    pattern="'L.h5' is being written by another process \\(PID $helper\\)"
    refused "$pattern" "$rotsim" summarize L.h5 --reduce
    refused "$pattern" "$rotsim" sensitivity L.h5
    "$rotsim" summarize L.h5 >/dev/null || fail "a reader was blocked by the lock"
    "$rotsim" sensitivity L.h5 --no-store >/dev/null || fail "sensitivity --no-store was blocked"
    [ "$(md5sum <L.h5)" = "$before" ] || fail "a refused writer changed the file"
    kill -9 "$helper"
    wait "$helper" 2>/dev/null
    helper=
    for try in 1 2 3 4 5; do
        "$rotsim" summarize L.h5 --reduce --overwrite --quiet 2>reduce.err &
        reduce=$!
        "$rotsim" sensitivity L.h5 --overwrite >/dev/null 2>sensitivity.err &
        sensitivity=$!
        wait $reduce
        reduce_status=$?
        wait $sensitivity
        sensitivity_status=$?
        echo "try $try: reduce $reduce_status, sensitivity $sensitivity_status"
        for command in reduce sensitivity; do
            status=${command}_status
            if [ "${!status}" -ne 0 ]; then
                grep -q "is being written by another process" "$command.err" ||
                    fail "$command failed otherwise: $(cat "$command.err")"
            fi
        done
        /usr/bin/python3 -c '
import h5py, sys
f = h5py.File("L.h5", "r")
for group, status in (("reduced", sys.argv[1]), ("sensitivity", sys.argv[2])):
    assert status != "0" or group in f, group + " reported stored and missing"' \
            "$reduce_status" "$sensitivity_status" || fail "try $try lost a group"
    done
    no_locks_left
    ;;
stale)
    "$rotsim" sweep "$scenario" "${small[@]}" "${grid[@]}" --out s.h5 &
    writer=$!
    await_lock s.h5 "$writer"
    # Killed once the file holds runs, so that --resume has something to resume.
    for _ in $(seq 600); do
        "$rotsim" summarize s.h5 >/dev/null 2>&1 && break
        sleep 0.05
    done
    kill -9 "$writer"
    wait "$writer" 2>/dev/null
    [ -e .s.h5.lock ] || fail "the killed writer's lock file is gone; nothing was tested"
    "$rotsim" sweep "$scenario" "${small[@]}" "${grid[@]}" --out s.h5 --resume ||
        fail "--resume after kill -9 was blocked"
    # Runs long enough to be killed while it holds the lock (it lets go when its file is done).
    "$rotsim" run "$scenario" "${small[@]}" --replications 5000 --out r.h5 &
    writer=$!
    await_lock r.h5 "$writer"
    kill -9 "$writer"
    wait "$writer" 2>/dev/null
    rm -f .r.h5.tmp-*
    "$rotsim" run "$scenario" "${small[@]}" --replications 2 --out r.h5 ||
        fail "run after kill -9 was blocked"
    no_locks_left
    ;;
released)
    "$rotsim" run "$scenario" "${small[@]}" --replications 2 --out r.h5 || fail "run failed"
    refused "exists" "$rotsim" run "$scenario" "${small[@]}" --replications 2 --out r.h5
    refused "unknown series" "$rotsim" run "$scenario" "${small[@]}" --replications 2 \
        --series nonsense --out bad.h5
    "$rotsim" sweep "$scenario" "${small[@]}" "${grid[@]}" --out s.h5 &
    writer=$!
    await_lock s.h5 "$writer"
    kill -INT "$writer"
    wait "$writer"
    echo "sweep after SIGINT: exit status $?"
    no_locks_left
    ;;
interrupted)
    # Ctrl-C during `summarize --reduce` or `sensitivity`, which poll no stop flag: the handler
    # removes the lock file and the annex's copy, then the signal ends the command. Caught with a
    # poll of shell builtins while the command holds its lock (a few tenths of a second), and
    # tried again if the command ended first.
    "$rotsim" sweep "$scenario" --set run.horizon_days=400 --replications 2 --seed 3 --lhs 8 \
        --range casualties.p_kia=0.0002:0.003 --quiet --out L.h5 || fail "setup sweep failed"
    for command in "summarize L.h5 --reduce --overwrite --quiet" "sensitivity L.h5 --overwrite"; do
        caught=
        for _ in $(seq 20); do
            before=$(md5sum <L.h5)
            # shellcheck disable=SC2086
            "$rotsim" $command >/dev/null 2>&1 &
            pid=$!
            holder=
            while kill -0 "$pid" 2>/dev/null; do
                { read -r holder <.L.h5.lock; } 2>/dev/null
                [ "$holder" = "$pid" ] && break
            done
            # Stopped, and still holding: a command that ended meanwhile is a zombie, which
            # kill -STOP does not refuse, and whose lock file may still name it.
            if [ "$holder" = "$pid" ] && kill -STOP "$pid" 2>/dev/null &&
                stopped "$pid" && [ "$(cat .L.h5.lock 2>/dev/null)" = "$pid" ] &&
                catches_sigint "$pid"; then
                kill -INT "$pid"
                kill -CONT "$pid"
                wait "$pid"
                status=$?
                echo "$command: stopped by SIGINT while it held its lock, exit status $status"
                [ $status -eq 130 ] || fail "$command: exit status $status after SIGINT"
                [ "$(md5sum <L.h5)" = "$before" ] || fail "$command: the interrupted file changed"
                left=$(find . -mindepth 1 -name '.L.h5*')
                [ -z "$left" ] || fail "$command: left behind after SIGINT: $left"
                caught=yes
                break
            fi
            kill -CONT "$pid" 2>/dev/null
            wait "$pid"
        done
        [ -n "$caught" ] || fail "$command never caught holding its lock in 20 tries"
    done
    ;;
mpi)
    # usage: one_writer.sh ROTSIM SCENARIO mpi MPIEXEC. Rank 0 alone writes and locks: the other
    # ranks of its job are not refused, and a job whose file another process writes is.
    mpiexec=$4
    flags=()
    "$mpiexec" --version 2>&1 | grep -Eqi "open ?mpi|openrte" && flags=(--oversubscribe --allow-run-as-root)
    hold_lock s.h5
    err=$("$mpiexec" "${flags[@]}" -np 2 "$rotsim" sweep "$scenario" "${small[@]}" \
        --grid casualties.p_kia=0.001 --replications 4 --out s.h5 2>&1 >/dev/null)
    status=$?
    echo "2 ranks, lock held: exit status $status: $err"
    [ $status -ne 0 ] || fail "the MPI sweep was not refused"
    grep -q "'s.h5' is being written by another process (PID $helper)" <<<"$err" ||
        fail "the refusal does not name the file and the holder"
    [ ! -s s.h5 ] || fail "the refused MPI sweep wrote s.h5"
    kill -9 "$helper"
    wait "$helper" 2>/dev/null
    helper=
    "$mpiexec" "${flags[@]}" -np 2 "$rotsim" sweep "$scenario" "${small[@]}" \
        --grid casualties.p_kia=0.001 --replications 4 --out s.h5 ||
        fail "an MPI sweep was refused by its own lock"
    no_locks_left
    ;;
*)
    fail "unknown case $case"
    ;;
esac
echo "one writer: $case OK"
