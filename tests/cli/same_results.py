"""Compares two rotsim result files dataset by dataset, values and attributes, as an analyst would
see them. The attributes that say when and how a file was made (created, command_line) and a
sweep's shard layout may differ. Usage: same_results.py A.h5 B.h5 [--results-only]

--results-only also lets the engine's version, the format version and the resolved scenario text
differ, and ignores what netCDF readers need (coordinates, attributes) where one file lacks it: for a
file made by an older engine, whose scenario text lacked keys added since with their defaults."""
import sys

import h5py
import numpy as np

IGNORED = {"created", "command_line"}
# What netCDF readers need (docs/hdf5-schema.md): coordinate datasets and attributes that files made
# before them lack. --results-only compares a new file with an older one without them.
COORDINATES = {"run", "time", "date", "replication", "seed", "point"}
NETCDF_ATTRIBUTES = {"long_name", "coordinates", "calendar", "CLASS", "NAME", "DIMENSION_LIST",
                     "REFERENCE_LIST"}
# Attributes holding object references: compared by the paths they point to, not addresses.
REFERENCES = {"DIMENSION_LIST", "REFERENCE_LIST"}
results_only = "--results-only" in sys.argv[3:]


def datasets(f):
    """Every path to a dataset: a dataset linked from several groups (a coordinate) is found at
    each, as a reader opening any one of them would find it."""
    found = {}

    def walk(group, prefix):
        for name, obj in group.items():
            if isinstance(obj, h5py.Dataset):
                found[prefix + name] = obj
            elif isinstance(obj, h5py.Group):
                walk(obj, prefix + name + "/")
    walk(f, "")
    return found


def same_values(x, y):
    if x.dtype != y.dtype or x.shape != y.shape:
        return False
    if x.dtype.kind == "f":
        return np.array_equal(x, y, equal_nan=True)
    return np.array_equal(x, y)


def referenced(obj, name):
    """An attribute of references as the paths they name (and axes, for REFERENCE_LIST)."""
    value = obj.attrs[name]
    if name == "DIMENSION_LIST":
        return [[obj.file[r].name for r in axis] for axis in value]
    return sorted((obj.file[r].name, int(axis)) for r, axis in value)


def same_attributes(a, b, where):
    names = (set(a.attrs) | set(b.attrs)) - IGNORED
    for name in sorted(names):
        if name not in a.attrs or name not in b.attrs:
            if results_only and name in NETCDF_ATTRIBUTES:
                continue
            sys.exit(f"FAIL: attribute {where}@{name} is in one file only")
        if name in REFERENCES:
            if referenced(a, name) != referenced(b, name):
                sys.exit(f"FAIL: attribute {where}@{name} differs")
            continue
        x, y = np.asarray(a.attrs[name]), np.asarray(b.attrs[name])
        if x.shape != y.shape or not np.array_equal(x, y):
            sys.exit(f"FAIL: attribute {where}@{name} differs: {a.attrs[name]!r} vs {b.attrs[name]!r}")


# Files still open for writing, or left so by a killed writer, open only for SWMR reading.
def open_file(path):
    try:
        return h5py.File(path, "r")
    except OSError:
        return h5py.File(path, "r", swmr=True)


if results_only:
    IGNORED |= {"scenario", "engine_version", "git_revision", "format_version"}
a, b = open_file(sys.argv[1]), open_file(sys.argv[2])
da, db = datasets(a), datasets(b)
if results_only:
    for name in set(da) ^ set(db):
        if name.split("/")[-1] in COORDINATES:
            da.pop(name, None)
            db.pop(name, None)
if set(da) != set(db):
    sys.exit(f"FAIL: datasets in one file only: {sorted(set(da) ^ set(db))}")
same_attributes(a, b, "/")
for name in sorted(da):
    if not same_values(da[name][()], db[name][()]):
        sys.exit(f"FAIL: dataset /{name} differs")
    same_attributes(da[name], db[name], "/" + name)
print(f"same: {len(da)} datasets")
