#!/bin/bash
# usage: expect_failure.sh PATTERN COMMAND...
# Passes when COMMAND exits non-zero (but not by a signal) and its stderr matches PATTERN.
pattern=$1
shift
err=$("$@" 2>&1 >/dev/null)
status=$?
echo "exit status $status; stderr: $err"
if [ $status -eq 0 ]; then echo "FAIL: expected a non-zero exit"; exit 1; fi
if [ $status -gt 128 ]; then echo "FAIL: killed by a signal (crash)"; exit 1; fi
if ! grep -Eq -- "$pattern" <<<"$err"; then echo "FAIL: message does not match /$pattern/"; exit 1; fi
