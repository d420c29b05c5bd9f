"""rotsim-plot on hostile inputs: no byte of a file gives a traceback, a crash or a hang.

Usage: plot_hostile.py ROTSIM SOURCE_DIR

Makes a small run file and a small sweep file with ROTSIM, then damaged copies of them (bytes
flipped at fixed offsets in the HDF5 structures and elsewhere, truncations, a zeroed region, the
global-heap length that makes libhdf5 itself segfault, an unclosed sweep), and inputs that are not
files (a FIFO, a directory) or not HDF5 (text, empty). Every one must end, within the watch's
timeout, with exit 0 or with one line that names the file, never a Python traceback or a signal.
The inputs that are certainly bad must be refused with the message that says why."""
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

rotsim, src = sys.argv[1], sys.argv[2]
plot = os.path.join(src, "tools", "rotsim-plot")
scenario = os.path.join(src, "scenarios", "article-2024.ini")
small = ["--set", "run.horizon_days=30", "--quiet"]
# A hang is a failure, not a slow run: far beyond what any case needs, below ctest's timeout.
HANG = 150


def make_files(tmp):
    run = os.path.join(tmp, "run.h5")
    sweep = os.path.join(tmp, "sweep.h5")
    subprocess.run([rotsim, "run", scenario, "-n", "2", "--seed", "4", "--out", run] + small,
                   check=True)
    subprocess.run([rotsim, "sweep", scenario, "--grid", "casualties.p_kia=0.001,0.003",
                    "--replications", "1", "--out", sweep] + small, check=True)
    # With /reduced, whose bands the fans read instead of the runs.
    subprocess.run([rotsim, "summarize", sweep, "--reduce", "--quiet"], check=True)
    return run, sweep


def structure_offsets(data, rng, count):
    """Offsets inside HDF5 structures (superblock, B-trees, heaps, object headers), where a
    flipped byte reaches libhdf5's parsers rather than only the values."""
    starts = [0]
    for signature in (b"TREE", b"BTHD", b"BTLF", b"FRHP", b"FSHD", b"GCOL", b"OHDR", b"HEAP"):
        starts += [m.start() for m in re.finditer(re.escape(signature), data)]
    picks = [rng.choice(starts) + rng.randrange(4, 40) for _ in range(count)]
    return [p for p in picks if p < len(data)]


def damaged_copies(tmp, path, rng):
    """(name, bytes, must fail) for each damaged copy of one real file."""
    data = open(path, "rb").read()
    base = os.path.splitext(os.path.basename(path))[0]
    cases = []
    offsets = structure_offsets(data, rng, 7) + [rng.randrange(len(data)) for _ in range(2)]
    for offset in offsets:
        copy = bytearray(data)
        copy[offset] ^= 0xFF
        cases.append((f"{base}-flip-{offset}.h5", bytes(copy), False))
    cases.append((f"{base}-half.h5", data[:len(data) // 2], True))
    cases.append((f"{base}-head.h5", data[:1000], True))
    zeroed = bytearray(data)
    zeroed[2048:6144] = bytes(4096)
    cases.append((f"{base}-zeroed.h5", bytes(zeroed), False))
    return cases


def global_heap_crash(data):
    """The size field of a date string's global-heap object with its 4th byte's top bit set:
    libhdf5 reads past its buffer and dies of SIGSEGV (issue 14, item 3)."""
    hits = [m.start() for m in re.finditer(rb"\x0a\x00{7}20\d\d-\d\d-\d\d", data)]
    copy = bytearray(data)
    copy[hits[len(hits) // 2] + 3] |= 0x80
    return bytes(copy)


def unclosed(path, tmp):
    """A copy of a sweep file left open for writing by a process killed outright, as a sweep
    killed with SIGKILL leaves its file."""
    copy = os.path.join(tmp, "unclosed.h5")
    with open(path, "rb") as a, open(copy, "wb") as b:
        b.write(a.read())
    code = ("import h5py, os, signal, sys; f = h5py.File(sys.argv[1], 'r+'); f.flush(); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    subprocess.run([sys.executable, "-c", code, copy], check=False)
    return copy


def run_plot(name, args, out):
    try:
        r = subprocess.run([plot] + args + ["--out", out, "--metrics", "killed"],
                           capture_output=True, text=True, timeout=HANG, errors="replace")
    except subprocess.TimeoutExpired:
        return name, None, "", f"no answer in {HANG} s"
    return name, r.returncode, r.stdout, r.stderr


def check(name, status, stderr, must, phrase):
    """The failures of one case, as text; '' when it passed."""
    if status is None:
        return f"{name}: hung: {stderr}"
    if "Traceback" in stderr:
        return f"{name}: a Python traceback:\n{stderr}"
    if status < 0:
        return f"{name}: killed by {signal.Signals(-status).name}"
    if status == 0:
        return f"{name}: accepted, exit 0" if must else ""
    lines = stderr.strip().splitlines()
    if len(lines) != 1 or not lines[0].startswith("rotsim-plot: "):
        return f"{name}: not one message line: {stderr!r}"
    if name not in lines[0]:
        return f"{name}: the message does not name the file: {lines[0]}"
    if phrase and not re.search(phrase, lines[0]):
        return f"{name}: the message lacks {phrase!r}: {lines[0]}"
    return ""


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:  # gone meanwhile
        return b""


def check_stopped(run, out):
    """SIGTERM stops rotsim-plot and the child drawing for it, with a message."""
    p = subprocess.Popen([plot, run, "--out", out], stderr=subprocess.PIPE, text=True)
    while not os.path.isdir(out) and p.poll() is None:  # the child is drawing
        time.sleep(0.05)
    p.send_signal(signal.SIGTERM)
    try:
        _, err = p.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        p.kill()
        return "SIGTERM did not stop rotsim-plot"
    if p.returncode == 0:
        return ""  # it had finished already: nothing to check
    left = [d for d in os.listdir("/proc") if d.isdigit() and out.encode() in cmdline(d)]
    if p.returncode != 128 + signal.SIGTERM or "stopped by SIGTERM" not in err or left:
        return f"SIGTERM: exit {p.returncode}, {err!r}, processes left: {left}"
    return ""


def main():
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        run, sweep = make_files(tmp)
        # (file name, arguments, must fail, phrase its message must hold)
        cases = []
        for path in (run, sweep):
            for name, data, must in damaged_copies(tmp, path, rng):
                with open(os.path.join(tmp, name), "wb") as f:
                    f.write(data)
                cases.append((name, [os.path.join(tmp, name)], must, ""))
        with open(os.path.join(tmp, "heap.h5"), "wb") as f:
            f.write(global_heap_crash(open(run, "rb").read()))
        # libhdf5 segfaults on it (Debian bookworm's 1.10.8): the crash path of the watch.
        cases.append(("heap.h5", [os.path.join(tmp, "heap.h5")], True,
                      r"crashed reading it \(SIG"))
        cases.append(("unclosed.h5", [unclosed(sweep, tmp)], True, r"--resume"))
        os.mkfifo(os.path.join(tmp, "fifo.h5"))
        cases.append(("fifo.h5", [os.path.join(tmp, "fifo.h5")], True, "not a regular file"))
        os.mkdir(os.path.join(tmp, "dir.h5"))
        cases.append(("dir.h5", [os.path.join(tmp, "dir.h5")], True, "is a directory"))
        with open(os.path.join(tmp, "text.h5"), "w", encoding="utf-8") as f:
            f.write("[run]\nhorizon_days = 30\n")
        cases.append(("text.h5", [os.path.join(tmp, "text.h5")], True, "not an HDF5 file"))
        open(os.path.join(tmp, "empty.h5"), "wb").close()
        cases.append(("empty.h5", [os.path.join(tmp, "empty.h5")], True, "is empty"))
        # Two files, the second damaged: the message names that one.
        cases.append(("run-half.h5", [run, os.path.join(tmp, "run-half.h5")], True, ""))
        # A file another program holds open for writing (a running sweep, say): named as such.
        held = os.path.join(tmp, "held.h5")
        with open(run, "rb") as a, open(held, "wb") as b:
            b.write(a.read())
        holder = subprocess.Popen([sys.executable, "-c", "import h5py, sys; f = h5py.File("
                                   "sys.argv[1], 'r+'); print(flush=True); sys.stdin.read()",
                                   held], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        holder.stdout.readline()  # the file is open
        cases.append(("held.h5", [held], True, "another program is writing the file"))
        # The watch: no progress within the timeout is a damaged file, said so.
        cases.append(("run.h5", [run, "--timeout", "0.001"], True, "made no progress"))
        with ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(
                lambda i: run_plot(cases[i][0], cases[i][1], os.path.join(tmp, f"out-{i}")),
                range(len(cases))))
        holder.stdin.close()
        holder.wait()
        failures, refused = [], 0
        for (name, _, must, phrase), (_, status, _, stderr) in zip(cases, results):
            problem = check(name, status, stderr, must, phrase)
            if problem:
                failures.append(problem)
            refused += status not in (0, None)
            if name == "unclosed.h5" and "h5clear" in stderr:
                failures.append("the message for an unclosed sweep suggests h5clear")
        problem = check_stopped(run, os.path.join(tmp, "stopped"))
        if problem:
            failures.append(problem)
        # A timeout the watch cannot wait for is refused as an option, not a traceback.
        _, status, _, stderr = run_plot("run.h5", [run, "--timeout", "inf"],
                                        os.path.join(tmp, "inf"))
        if status != 2 or "--timeout must be" not in stderr or "Traceback" in stderr:
            failures.append(f"--timeout inf: exit {status}: {stderr}")
        if failures:
            print("FAIL:\n" + "\n".join(failures))
            return 1
        print(f"rotsim-plot on {len(cases)} hostile inputs: {refused} refused with one message, "
              f"{len(cases) - refused} drawn; no traceback, crash or hang")
        return 0


sys.exit(main())
