"""rotsim-plot's command line and the watch over the process that reads the files.

libhdf5 can crash (SIGSEGV, abort) or loop forever on a damaged file, and nothing in Python can
catch that; so the files are read and drawn in a child process (worker.py) that reports progress
on a pipe. A child that dies of a signal, or makes no progress for --timeout seconds, means a
damaged file, said in one line. This process imports neither h5py nor matplotlib: it costs one
interpreter start (about 0.1 s) on top of the drawing."""
import argparse
import json
import os
import select
import signal
import stat
import subprocess
import sys
import time

from .metrics import DERIVED

USAGE_LINE = "Figures from a rotsim run, sweep or calibration file, or two files compared."

EPILOG = """examples:
  rotsim-plot run.h5 --out plots                  every figure of a run file, and index.html
  rotsim-plot sweep.h5 --out plots --metrics killed,casualties,money
  rotsim-plot a.h5 b.h5 --out compared            both files on one figure a metric, and the
                                                  band of their paired difference
"""


def parse(argv):
    parser = argparse.ArgumentParser(prog="rotsim-plot", description=USAGE_LINE, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="a run, sweep or calibration file written by rotsim; two to compare")
    parser.add_argument("--out", help="directory for the figures and index.html")
    parser.add_argument("--metrics", metavar="A,B,...",
                        help="the metrics to draw (fans, sweep figures, comparisons; 'money' for "
                             "the money chart); a name the file lacks is refused with the list "
                             "it has. Default: the usual fans, money, and for a sweep a few "
                             "summary metrics")
    parser.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS",
                        help="give a file up as damaged when reading it makes no progress for "
                             "this long (default 120)")
    parser.add_argument("--list-metrics", action="store_true",
                        help="print the derived metrics and their numpy formulas, and exit")
    args = parser.parse_args(argv)
    if not args.list_metrics:
        if len(args.files) not in (1, 2) or args.out is None:
            parser.error("one FILE (or two to compare) and --out DIR are needed")
        if not 0 < args.timeout <= 1e6:
            parser.error(f"--timeout must be a number of seconds above 0 and at most 1e6, not "
                         f"{args.timeout:g}")
    return args


def refuse_input(path):
    """Why a path cannot be read as a rotsim file, before any child reads it: a FIFO or a device
    would block or never end, a directory is not a file; None if it is a regular file."""
    try:
        st = os.stat(path)
    except OSError as e:
        return f"cannot open '{path}': {e.strerror}"
    if stat.S_ISDIR(st.st_mode):
        return f"'{path}' is a directory, not a file rotsim wrote"
    if not stat.S_ISREG(st.st_mode):
        return (f"'{path}' is not a regular file (a FIFO, device or socket): rotsim-plot reads "
                "only files that rotsim wrote")
    if st.st_size == 0:
        return f"'{path}' is empty, not a file rotsim wrote"
    if not os.access(path, os.R_OK):
        return f"cannot open '{path}': permission denied"
    return None


def refuse_output(out):
    if os.path.exists(out) and not os.path.isdir(out):
        return f"--out '{out}' exists and is not a directory"
    return None


class Stopped(Exception):
    """SIGTERM or SIGHUP arrived while the child was drawing."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def watch(child, reader, timeout):
    """Waits for the child, killing it when its progress pipe is silent for `timeout` seconds.
    Returns (exit status, what it wrote to stderr, the file it was reading, whether it was killed
    for silence). Its stderr is held back so that a crash's own words (glibc's "double free or
    corruption") do not precede the one line that says what happened."""
    errors = child.stderr.fileno()
    current, pending, err, last = None, b"", b"", time.monotonic()
    open_fds = [reader, errors]
    while open_fds:
        ready, _, _ = select.select(open_fds, [], [], max(0.0, last + timeout - time.monotonic()))
        if not ready:
            child.kill()
            return child.wait(), err, current, True
        for fd in ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                open_fds.remove(fd)
            elif fd == errors:
                err += chunk
            else:
                last = time.monotonic()
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    if line.startswith(b"file "):
                        current = os.fsdecode(line[5:])
    return child.wait(), err, current, False


def run_child(files, out, metrics, timeout):
    reader, writer = os.pipe()
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from rotsim_plot import worker; "
            "sys.exit(worker.main(sys.argv[2:]))")
    request = json.dumps([files, out, metrics, writer])
    try:
        child = subprocess.Popen([sys.executable, "-c", code, package, request],
                                 pass_fds=(writer,), stdin=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    def stop(signum, _frame):
        raise Stopped(signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    try:
        status, err, current, silent = watch(child, reader, timeout)
    except (KeyboardInterrupt, Stopped) as e:
        # The child goes with this process, rather than drawing on for nobody.
        child.kill()
        child.wait()
        signum = e.signum if isinstance(e, Stopped) else signal.SIGINT
        print(f"rotsim-plot: stopped by {signal.Signals(signum).name}; the figures written so "
              f"far are in {out}", file=sys.stderr)
        return 128 + signum
    finally:
        os.close(reader)
        child.stderr.close()
    where = current or files[0]
    if silent:
        print(f"rotsim-plot: {where}: damaged file: reading it made no progress for "
              f"{timeout:g} s (libhdf5 can loop forever on a damaged file; --timeout gives a "
              "slow disk longer)", file=sys.stderr)
        return 2
    if status < 0:
        name = signal.Signals(-status).name if -status in signal.valid_signals() else -status
        if -status in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            print(f"rotsim-plot: stopped by {name}", file=sys.stderr)
            return 128 - status
        print(f"rotsim-plot: {where}: damaged file: the HDF5 library crashed reading it "
              f"({name})", file=sys.stderr)
        return 2
    sys.stderr.buffer.write(err)
    sys.stderr.flush()
    return status


def main(argv):
    args = parse(argv)
    if args.list_metrics:
        print("name\tkind\tunits\tformula")
        for row in DERIVED:
            print("\t".join(row))
        return 0
    for problem in [refuse_input(p) for p in args.files] + [refuse_output(args.out)]:
        if problem is not None:
            print(f"rotsim-plot: {problem}", file=sys.stderr)
            return 2
    metrics = None
    if args.metrics is not None:
        metrics = [m.strip() for m in args.metrics.split(",") if m.strip()]
        if not metrics:
            print("rotsim-plot: --metrics names no metric", file=sys.stderr)
            return 2
    return run_child(args.files, args.out, metrics, args.timeout)
