#!/bin/bash
# usage: hostile_counts.sh ROTSIM CASE
# Endless or blocking text inputs and counts past rotsim's limits (issue 14, items 1, 8, 9 and
# 10): each is refused up front with one message naming the input or option and the limit, a
# non-zero exit and nothing left behind in the output directory. Every command runs under
# `timeout`, so that an input that blocks fails the test instead of hanging it. CASE:
#   sweep-dev-zero        rotsim sweep /dev/zero (an endless scenario)
#   calibrate-dev-zero    rotsim calibrate /dev/zero
#   targets-dev-zero      rotsim calibrate tiny.ini --targets /dev/zero
#   points-dev-zero       rotsim sweep tiny.ini --points /dev/zero
#   check-fifo            rotsim check FIFO, no program writing to it: refused after 10 s
#   targets-fifo          rotsim calibrate tiny.ini --targets FIFO, no writer: the same
#   fifo-with-writer      rotsim check FIFO that a program writes the scenario to: read as a file
#   targets-directory     --targets DIR
#   run-trillion          rotsim run -n 1000000000000
#   run-int64-max         rotsim run -n 9223372036854775807
#   first-replication     rotsim run --first-replication 2^63-1 -n 3 (signed overflow)
#   sweep-replications    rotsim sweep --replications 1000000000000
#   sweep-points-x-reps   rotsim sweep --lhs 1000000 --replications 1000 (10^9 runs)
#   sweep-shards          rotsim sweep --shard 5/9223372036854775807
#   calibrate-samples     rotsim calibrate --samples 100000 --replications 100000
#   many-classes          rotsim check on 200,000 [class.*] sections (4.7 MB): more than 1000
#   contingents-x-classes 100 contingents x 1000 classes, valid: checked in seconds
set -u
rotsim=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
printf '[run]\nhorizon_days = 60\n[strength]\ntarget_strength = 0:500, 30:800\n' >tiny.ini
printf 'day,metric,value,uncertainty\n20,killed,20.5,4\n' >targets.csv
mkdir out
limit="more than the limit of 134217728 runs in one file"
calibrate=(calibrate tiny.ini --range casualties.p_kia=0.0002:0.003 --samples 4 --quiet
    --out out/c.h5)
seconds=20
case $case in
sweep-dev-zero)
    command=(sweep /dev/zero --grid casualties.p_kia=0.001 --out out/z.h5)
    pattern="scenario file '/dev/zero' is larger than the limit of 16777216 bytes \(16 MiB\)"
    ;;
calibrate-dev-zero)
    command=(calibrate /dev/zero --targets targets.csv --range casualties.p_kia=0.0002:0.003
        --out out/z.h5)
    pattern="scenario file '/dev/zero' is larger than the limit of 16777216 bytes \(16 MiB\)"
    ;;
targets-dev-zero)
    command=("${calibrate[@]}" --targets /dev/zero)
    pattern="targets file '/dev/zero' is larger than the limit of 16777216 bytes \(16 MiB\)"
    ;;
points-dev-zero)
    command=(sweep tiny.ini --points /dev/zero --out out/z.h5)
    pattern="points file '/dev/zero' is larger than the limit of 16777216 bytes \(16 MiB\)"
    ;;
check-fifo)
    mkfifo fifo.ini
    command=(check fifo.ini)
    pattern="scenario file 'fifo.ini' is a FIFO \(named pipe\) that no program wrote to in 10 s"
    seconds=30
    ;;
targets-fifo)
    mkfifo fifo.csv
    command=("${calibrate[@]}" --targets fifo.csv)
    pattern="targets file 'fifo.csv' is a FIFO \(named pipe\) that no program wrote to in 10 s"
    seconds=30
    ;;
fifo-with-writer)
    # A FIFO that a program writes is read as the file would be (process substitution is one),
    # also when the writer comes after rotsim opened it.
    mkfifo fifo.ini
    (sleep 1; cat tiny.ini >fifo.ini) &
    out=$(timeout 20 "$rotsim" check fifo.ini 2>&1)
    status=$?
    wait
    echo "exit status $status: $out"
    [ $status -eq 0 ] || { echo "FAIL: a FIFO with a writer is refused"; exit 1; }
    out=$(timeout 20 "$rotsim" check <(cat tiny.ini) 2>&1) ||
        { echo "FAIL: process substitution is refused: $out"; exit 1; }
    echo OK
    exit 0
    ;;
targets-directory)
    command=("${calibrate[@]}" --targets out)
    pattern="cannot open targets file 'out': it is a directory"
    ;;
run-trillion)
    command=(run tiny.ini -n 1000000000000 --out out/a.h5)
    pattern="--replications 1000000000000 is $limit"
    ;;
run-int64-max)
    command=(run tiny.ini -n 9223372036854775807 --out out/a.h5)
    pattern="--replications 9223372036854775807 is $limit"
    ;;
first-replication)
    command=(run tiny.ini --first-replication 9223372036854775807 -n 3 --out out/a.h5)
    pattern="--first-replication 9223372036854775807 with --replications 3: the last replication would be past the largest replication index, 2\^63-1"
    ;;
sweep-replications)
    command=(sweep tiny.ini --grid casualties.p_kia=0.001 --replications 1000000000000
        --out out/s.h5)
    pattern="--replications 1000000000000 is $limit"
    ;;
sweep-points-x-reps)
    command=(sweep tiny.ini --range casualties.p_kia=0.0002:0.003 --lhs 1000000
        --replications 1000 --out out/s.h5)
    pattern="1000000 points x --replications 1000 is $limit"
    ;;
sweep-shards)
    command=(sweep tiny.ini --grid casualties.p_kia=0.001 --shard 5/9223372036854775807
        --out out/s.h5)
    pattern="--shard I/N: N is at most the limit of 134217728 runs"
    ;;
calibrate-samples)
    command=(calibrate tiny.ini --targets targets.csv --range casualties.p_kia=0.0002:0.003
        --samples 100000 --replications 100000 --quiet --out out/c.h5)
    pattern="100000 points x --replications 100000 is $limit"
    ;;
many-classes)
    # 200,000 classes of share 0 (4.7 MB): took 97 s before, refused at once now.
    awk 'BEGIN { print "[run]\nhorizon_days = 60"
                 for (i = 0; i < 200000; ++i) printf "[class.c%d]\nshare = 0\n", i }' >many.ini
    ls -l many.ini
    command=(check many.ini)
    pattern="many.ini:2003: more than 1000 classes"
    seconds=60
    ;;
contingents-x-classes)
    # The most classes and contingents at once, valid: each contingent builds every class again.
    awk 'BEGIN { print "[run]\nhorizon_days = 60\n[strength]\ntarget_strength = 0:500"
                 for (i = 0; i < 100; ++i) printf "[contingent.k%d]\ntarget_strength = 0:10\n", i
                 for (i = 0; i < 1000; ++i) printf "[class.c%d]\nshare = 0.001\n", i }' >many.ini
    start=$(date +%s.%N)
    timeout 60 "$rotsim" check many.ini >/dev/null || { echo "FAIL: exit status $?"; exit 1; }
    awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "took %.1f s\n", e - s }'
    echo OK
    exit 0
    ;;
*)
    echo "unknown case $case"
    exit 2
    ;;
esac
start=$(date +%s.%N)
bash "$here/expect_one_message.sh" "$pattern" timeout "$seconds" "$rotsim" "${command[@]}" ||
    exit 1
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "took %.1f s\n", e - s }'
left=$(ls -A out)
if [ -n "$left" ]; then
    echo "FAIL: left behind in the output directory: $left"
    exit 1
fi
