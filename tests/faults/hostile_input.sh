#!/bin/bash
# usage: hostile_input.sh ROTSIM CASE
# Huge or hostile scenario input is refused up front, with one message naming the limit, in
# bounded time and memory (ctest's TIMEOUT bounds the time; the limits, docs/reliability.md,
# bound the memory). The inputs are generated here, in a scratch directory. CASE:
#   million-points  a target_strength schedule of a million points (about 12 MB)
#   long-line       a 100 MB scenario line
#   long-key        a 10 MB misspelled key (under the size limit): the suggestion and the
#                   quoted text stay short
#   dev-zero        the endless file /dev/zero as the scenario
set -u
rotsim=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
scenario=$dir/hostile.ini
case $case in
million-points)
    { echo "[strength]"; printf 'target_strength = 0:100'; seq 1 999999 | sed 's/$/:100/' |
        tr '\n' ',' | sed 's/^/, /; s/,$//'; echo; } >"$scenario"
    pattern="target_strength: a schedule has at most 36501 points.*got 1000000"
    ;;
long-line)
    { echo "[run]"; printf 'horizon_days = '; head -c 100000000 /dev/zero | tr '\0' '7'; echo; } \
        >"$scenario"
    pattern="larger than the limit of 16777216 bytes"
    ;;
long-key)
    { echo "[casualties]"; head -c 10000000 /dev/zero | tr '\0' 'k'; echo " = 0.1"; } >"$scenario"
    pattern="hostile.ini:2: unknown key 'casualties\.k+\.\.\.k+' \([0-9]+ characters\); did you mean"
    ;;
dev-zero)
    scenario=/dev/zero
    pattern="/dev/zero' is larger than the limit of 16777216 bytes"
    ;;
*)
    echo "unknown case $case"
    exit 2
    ;;
esac
[ "$case" = dev-zero ] || ls -l "$scenario"
bash "$here/expect_one_message.sh" "$pattern" "$rotsim" check "$scenario"
