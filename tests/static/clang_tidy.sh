#!/bin/bash
# usage: clang_tidy.sh BUILD_DIR SOURCE_DIR [RUN_CLANG_TIDY]
# clang-tidy with the repository's .clang-tidy over every file of engine/ and tools/ in
# BUILD_DIR/compile_commands.json. Passes when there is no finding; lists them otherwise.
set -u
build=$1 src=$2 runner=${3:-run-clang-tidy}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$runner" -p "$build" -quiet -j "$(nproc)" -extra-arg=-Wno-unknown-warning-option \
    "$src/(engine|tools)/" >"$log" 2>&1
sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^/.*: (warning|error): ' | sort -u >"$log.findings"
count=$(wc -l <"$log.findings")
if [ "$count" -gt 0 ]; then
    cat "$log.findings"
    echo "FAIL: $count clang-tidy findings"
    rm -f "$log.findings"
    exit 1
fi
rm -f "$log.findings"
echo "clang-tidy: no findings in engine/ and tools/"
