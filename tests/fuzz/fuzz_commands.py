"""Whole rotsim commands on mutated real result files (docs/reliability.md, "Fuzzing").

fuzz_hdf5 feeds arbitrary bytes to the readers in one process; this runs the commands a user
runs (summarize, summarize --reduce, merge, sweep --resume, sensitivity, rotsim-plot) as programs, so that a
crash or a hang anywhere on their way (libhdf5 included) is seen as the user would see it.

usage:
  fuzz_commands.py replay ROTSIM CORPUS_DIR
      runs every command on every file of the corpus (named run-*.hdf5, grid-* or lhs-*, the
      kind of file it was made from: command_harness.py); a test of the suite, in seconds.
  fuzz_commands.py fuzz ROTSIM CORPUS_DIR [--seconds S] [--seed N]
      makes real files, mutates them (bit flips, bytes set to 0, 0xff or 0x80 near the names
      and strings the readers look up, runs of bytes overwritten) and runs the commands on
      each for S seconds (default 60); every file that breaks the promise is saved in
      CORPUS_DIR as KIND-crash-SEED-N.hdf5 (.h5 is ignored by git), a regression file for the replay.
"""

import argparse
import os
import random
import re
import sys
import tempfile

import command_harness as harness

# Where the readers' structures are: names of groups, datasets and attributes, and strings.
LANDMARKS = re.compile(rb"timeseries|summary|design|runs|time|n_pipeline|status|scenario|"
                       rb"\d{4}-\d\d-\d\d|TREE|HEAP|GCOL|OHDR|FRHP|FHDB|BTHD|BTLF|SNOD")


def replay(rotsim, corpus):
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".hdf5"))
    failures = []
    with tempfile.TemporaryDirectory() as work:
        harness.write_scenario(work)
        for name in files:
            path = os.path.join(corpus, name)
            for problem in harness.run_commands(rotsim, work, path, harness.kind_of(path)):
                failures.append(f"{name}: {problem}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"replayed {len(files)} inputs" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


def mutate(data, rng):
    out = bytearray(data)
    marks = [m.start() for m in LANDMARKS.finditer(data)]
    for _ in range(rng.choice((1, 1, 2, 3))):
        near = rng.random() < 0.7 and marks
        at = (rng.choice(marks) + rng.randrange(-24, 40)) if near else rng.randrange(len(out))
        at = min(max(at, 0), len(out) - 1)
        how = rng.randrange(4)
        if how == 0:
            out[at] ^= 1 << rng.randrange(8)
        elif how == 1:
            out[at] = rng.choice((0, 0xFF, 0x80, 0x40, 1))
        elif how == 2:
            for k in range(at, min(at + rng.randrange(2, 9), len(out))):
                out[k] = rng.randrange(256)
        else:
            out[at] = (out[at] + rng.choice((1, -1, 0x80))) & 0xFF
    return bytes(out)


def fuzz(rotsim, corpus, seconds, seed):
    import time
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    tried = found = 0
    with tempfile.TemporaryDirectory() as work:
        harness.write_scenario(work)
        real = {kind: open(harness.make_file(rotsim, work, kind, f"real-{kind}.h5"), "rb").read()
                for kind in harness.KINDS}
        while time.monotonic() < deadline:
            kind = rng.choice(harness.KINDS)
            damaged = mutate(real[kind], rng)
            path = os.path.join(work, "mutated.h5")
            open(path, "wb").write(damaged)
            tried += 1
            problems = harness.run_commands(rotsim, work, path, kind)
            if problems:
                found += 1
                keep = os.path.join(corpus, f"{kind}-crash-{seed}-{tried}.hdf5")
                open(keep, "wb").write(damaged)
                print(f"{keep}: " + "; ".join(problems))
    print(f"tried {tried} mutated files, {found} broke the promise")
    return 1 if found else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("replay", "fuzz"))
    parser.add_argument("rotsim")
    parser.add_argument("corpus")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rotsim = os.path.abspath(args.rotsim)
    if args.mode == "replay":
        return replay(rotsim, args.corpus)
    return fuzz(rotsim, args.corpus, args.seconds, args.seed)


if __name__ == "__main__":
    sys.exit(main())
