"""Compares two rotsim result files dataset by dataset, values and attributes, as an analyst would
see them. The attributes that say when and how a file was made (created, command_line) and a
sweep's shard layout may differ. Usage: same_results.py A.h5 B.h5 [--results-only]

--results-only also lets the engine's version and the resolved scenario text differ: for a file
made by an older engine, whose scenario text lacked keys added since with their defaults."""
import sys

import h5py
import numpy as np

IGNORED = {"created", "command_line"}


def datasets(f):
    found = {}
    f.visititems(lambda name, obj: found.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return found


def same_values(x, y):
    if x.dtype != y.dtype or x.shape != y.shape:
        return False
    if x.dtype.kind == "f":
        return np.array_equal(x, y, equal_nan=True)
    return np.array_equal(x, y)


def same_attributes(a, b, where):
    names = (set(a.attrs) | set(b.attrs)) - IGNORED
    for name in sorted(names):
        if name not in a.attrs or name not in b.attrs:
            sys.exit(f"FAIL: attribute {where}@{name} is in one file only")
        x, y = np.asarray(a.attrs[name]), np.asarray(b.attrs[name])
        if x.shape != y.shape or not np.array_equal(x, y):
            sys.exit(f"FAIL: attribute {where}@{name} differs: {a.attrs[name]!r} vs {b.attrs[name]!r}")


# Files still open for writing, or left so by a killed writer, open only for SWMR reading.
def open_file(path):
    try:
        return h5py.File(path, "r")
    except OSError:
        return h5py.File(path, "r", swmr=True)


if "--results-only" in sys.argv[3:]:
    IGNORED |= {"scenario", "engine_version", "git_revision"}
a, b = open_file(sys.argv[1]), open_file(sys.argv[2])
da, db = datasets(a), datasets(b)
if set(da) != set(db):
    sys.exit(f"FAIL: datasets in one file only: {sorted(set(da) ^ set(db))}")
same_attributes(a, b, "/")
for name in sorted(da):
    if not same_values(da[name][()], db[name][()]):
        sys.exit(f"FAIL: dataset /{name} differs")
    same_attributes(da[name], db[name], "/" + name)
print(f"same: {len(da)} datasets")
