#!/bin/bash
# usage: expect_one_message.sh PATTERN COMMAND...
# Passes when COMMAND exits non-zero but not by a signal (a crash, a sanitizer abort, an
# out-of-memory kill), prints exactly one line on stderr, and that line matches PATTERN.
pattern=$1
shift
err=$("$@" 2>&1 >/dev/null)
status=$?
printf 'exit status %s; stderr (%s bytes):\n%s\n' "$status" "${#err}" "${err:0:2000}"
if [ $status -eq 0 ]; then echo "FAIL: expected a non-zero exit"; exit 1; fi
if [ $status -gt 128 ]; then echo "FAIL: killed by signal $((status - 128))"; exit 1; fi
lines=$(grep -c . <<<"$err")
if [ "$lines" -ne 1 ]; then echo "FAIL: expected one line of message, got $lines"; exit 1; fi
if [ ${#err} -gt 1000 ]; then echo "FAIL: the message is ${#err} characters long"; exit 1; fi
if ! grep -Eq -- "$pattern" <<<"$err"; then echo "FAIL: message does not match /$pattern/"; exit 1; fi
echo "OK"
