"""usage: file_size_signal.py ROTSIM SCENARIO
A file size limit (ulimit -f) with SIGXFSZ at its default action, which kills a process that
writes past the limit: rotsim ignores the signal itself, so the write fails and it says so
(issue 14, item 6). Exit non-zero but not by the signal, one message naming the limit, no file
and no temporary file left. Exit 77 where the limit cannot be set."""
import os
import resource
import signal
import subprocess
import sys
import tempfile

rotsim, scenario = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
LIMIT = 100 * 1024


def limited():
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


with tempfile.TemporaryDirectory() as work:
    os.chdir(work)
    try:
        probe = subprocess.run(["head", "-c", str(2 * LIMIT), "/dev/zero"], preexec_fn=limited,
                               stdout=open("probe", "wb"), check=False)
    except OSError:
        sys.exit(77)
    if probe.returncode == 0 and os.path.getsize("probe") >= 2 * LIMIT:
        print("SKIP: a file size limit does not bind here")
        sys.exit(77)
    os.remove("probe")
    for command in (["run", scenario, "--replications", "20", "--agents", "5", "--quiet"],
                    ["expect", scenario]):
        result = subprocess.run([rotsim] + command + ["--out", "big.h5"], preexec_fn=limited,
                                capture_output=True, text=True, check=False)
        if result.returncode <= 0:
            sys.exit(f"FAIL: {command[0]}: exit {result.returncode} (killed by a signal if < 0)")
        lines = result.stderr.strip().splitlines()
        if len(lines) != 1 or "file size limit" not in lines[0] or "big.h5" not in lines[0]:
            sys.exit(f"FAIL: {command[0]}: expected one message on the file size limit, got "
                     f"{result.stderr!r}")
        left = os.listdir(".")
        if left:
            sys.exit(f"FAIL: {command[0]}: left behind {left}")
    print("file size limit with SIGXFSZ at its default: OK")
