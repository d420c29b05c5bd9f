"""Whole rotsim commands on result files that may be damaged: what the fault tests
(tests/faults/damaged_results.py) and the command fuzzer (tests/fuzz/fuzz_commands.py) share.

A result file is one of three kinds, each made by a fixed command on a fixed tiny scenario, so
that `sweep --resume` can be given the command that made the file:
  run   rotsim run           (summarize, summarize --reduce)
  grid  rotsim sweep --grid  (also merge and sweep --resume)
  lhs   rotsim sweep --lhs   (also sensitivity)
Every kind is also drawn by tools/rotsim-plot (h5py and matplotlib, in its own child process).
The promise checked (docs/reliability.md, "Damaged result files"): every command exits 0, or
exits non-zero (not by a signal) with exactly one line on stderr; none hangs.
"""

import os
import shutil
import subprocess

# The launcher of the plotting tool, beside this file's tests/ in the source tree.
PLOT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                    "tools", "rotsim-plot")
TINY_SCENARIO = "[run]\nhorizon_days = 60\n[strength]\ntarget_strength = 0:500, 30:800\n"

MAKE = {
    "run": ["run", "tiny.ini", "--replications", "2"],
    "grid": ["sweep", "tiny.ini", "--grid", "casualties.p_kia=0.001,0.002", "--replications", "2"],
    "lhs": ["sweep", "tiny.ini", "--lhs", "4", "--range", "casualties.p_kia=0.001:0.002",
            "--replications", "2"],
}
KINDS = tuple(MAKE)
# A command that has not finished in this long is hung: the readers' own limit for a damaged file
# is ROTSIM_READ_TIMEOUT, set below to a few seconds.
COMMAND_SECONDS = 60
READ_TIMEOUT = "5"


def write_scenario(work):
    with open(os.path.join(work, "tiny.ini"), "w") as out:
        out.write(TINY_SCENARIO)


def make_file(rotsim, work, kind, name):
    """A real result file of `kind`, made in `work` (which holds tiny.ini)."""
    subprocess.run([rotsim] + MAKE[kind] + ["--out", name, "--quiet"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL, timeout=COMMAND_SECONDS)
    return os.path.join(work, name)


def commands(kind, name):
    """(label, argv after rotsim, whether it changes the file) for a file of `kind` in `name`."""
    out = [("summarize", ["summarize", name], False),
           ("summarize --reduce", ["summarize", name, "--reduce", "--overwrite", "--quiet"], True)]
    if kind != "run":
        out.append(("merge", ["merge", name, "--out", "merged.h5", "--overwrite", "--quiet"],
                    False))
        out.append(("sweep --resume", MAKE[kind] + ["--out", name, "--resume", "--quiet"], True))
    if kind == "lhs":
        out.append(("sensitivity", ["sensitivity", name, "--no-store"], False))
    out.append(("rotsim-plot", [PLOT, name, "--out", "plots", "--timeout", READ_TIMEOUT], False))
    return out


def argv_of(rotsim, args):
    """The whole command line of one of commands()'s entries."""
    return args if args[0] == PLOT else [rotsim] + args


def kind_of(path):
    """The kind a corpus file's name starts with: run-..., grid-..., lhs-...."""
    kind = os.path.basename(path).split("-", 1)[0]
    if kind not in MAKE:
        raise ValueError(f"{path}: a corpus file's name starts with one of {', '.join(KINDS)}")
    return kind


def run_commands(rotsim, work, damaged, kind):
    """Runs every command of `kind` on a fresh copy of `damaged`; returns the problems found."""
    problems = []
    env = dict(os.environ, ROTSIM_READ_TIMEOUT=READ_TIMEOUT)
    for label, args, changes in commands(kind, "input.h5"):
        copy = os.path.join(work, "input.h5")
        shutil.copyfile(damaged, copy)
        try:
            result = subprocess.run(argv_of(rotsim, args), cwd=work, env=env, capture_output=True,
                                    timeout=COMMAND_SECONDS)
        except subprocess.TimeoutExpired:
            problems.append(f"{label}: did not finish in {COMMAND_SECONDS} s")
            continue
        lines = [line for line in result.stderr.decode("utf-8", "replace").splitlines() if line]
        if result.returncode < 0 or result.returncode >= 128:
            problems.append(f"{label}: killed by signal (exit {result.returncode}): "
                            f"{' | '.join(lines)[:300]}")
        elif result.returncode != 0 and len(lines) != 1:
            problems.append(f"{label}: exit {result.returncode} with {len(lines)} lines of "
                            f"message: {' | '.join(lines)[:300]}")
    return problems
