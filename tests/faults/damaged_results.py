"""Damaged result files through every command that reads one (issue 14, items 2 and 3).

usage: damaged_results.py ROTSIM

Makes small real files (tests/fuzz/command_harness.py), changes the exact bytes the issue names,
found by searching each file's bytes, then a fixed set of random ones, and runs summarize,
summarize --reduce, merge, sweep --resume and sensitivity on each copy:
- the bytes libhdf5 crashes on (a link message's version byte after n_pipeline's link; the
  size of a date's global-heap object) give exit 2 and one line saying the file is damaged;
- every change gives exit 0, or a non-zero exit with one line; never a signal or a hang.
"""

import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz"))
import command_harness as harness  # noqa: E402

RANDOM_FLIPS = 6  # per file kind, from a fixed seed


def link_version_damage(data):
    """The byte after n_pipeline's link message (the next link message's version, 1) -> 0x40."""
    out = bytearray(data)
    hits = 0
    for m in re.finditer(rb"\x0an_pipeline", data):
        at = m.end() + 8  # the name, then the link's 8-byte object address
        if out[at] == 1:
            out[at] = 0x40
            hits += 1
    return bytes(out) if hits else None


def heap_size_damage(data, byte, value):
    """A date's global-heap object (8-byte little-endian size 10, then the date): the size's
    byte `byte` (0 = lowest) set to `value`."""
    out = bytearray(data)
    for m in re.finditer(rb"\x0a\x00{7}(2024-\d\d-\d\d)", data):
        if m.group(1) == b"2024-11-09":
            out[m.start() + byte] = value
            return bytes(out)
    return None


def main():
    rotsim = os.path.abspath(sys.argv[1])
    failures = []
    checked = 0
    with tempfile.TemporaryDirectory() as work:
        harness.write_scenario(work)
        rng = random.Random(14)
        for kind in harness.KINDS:
            real = harness.make_file(rotsim, work, kind, f"real-{kind}.h5")
            data = open(real, "rb").read()
            # (what, damaged bytes, must it be refused as damaged)
            cases = [
                ("link version byte after n_pipeline", link_version_damage(data), True),
                ("global-heap size of 2024-11-09, high byte", heap_size_damage(data, 3, 0x80),
                 True),
                ("global-heap size of 2024-11-09, 0x0a -> 0x8a", heap_size_damage(data, 0, 0x8a),
                 False),
            ]
            for _ in range(RANDOM_FLIPS):
                at = rng.randrange(len(data))
                flipped = bytearray(data)
                flipped[at] ^= 1 << rng.randrange(8)
                cases.append((f"bit flip at byte {at}", bytes(flipped), False))
            for what, damaged, refused in cases:
                if damaged is None:
                    failures.append(f"{kind}: {what}: the bytes to change are not in the file")
                    continue
                path = os.path.join(work, f"damaged-{kind}.h5")
                open(path, "wb").write(damaged)
                checked += 1
                for problem in harness.run_commands(rotsim, work, path, kind):
                    failures.append(f"{kind}: {what}: {problem}")
                if refused:
                    failures += refusals(rotsim, work, path, kind, what)
    print(f"checked {checked} damaged files")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


def refusals(rotsim, work, path, kind, what):
    """Every command refuses the file: exit 2, one line saying it is damaged."""
    out = []
    env = dict(os.environ, ROTSIM_READ_TIMEOUT=harness.READ_TIMEOUT)
    for label, args, _ in harness.commands(kind, "refused.h5"):
        copy = os.path.join(work, "refused.h5")
        open(copy, "wb").write(open(path, "rb").read())
        result = subprocess.run(harness.argv_of(rotsim, args), cwd=work, env=env, capture_output=True,
                                timeout=harness.COMMAND_SECONDS)
        message = result.stderr.decode("utf-8", "replace").strip()
        print(f"{kind}: {what}: {label}: exit {result.returncode}: {message}")
        if result.returncode != 2 or "\n" in message or "damaged" not in message or \
                "refused.h5" not in message:
            out.append(f"{kind}: {what}: {label}: expected exit 2 and one line saying "
                       f"refused.h5 is damaged, got exit {result.returncode}: {message[:300]}")
    return out


if __name__ == "__main__":
    sys.exit(main())
