"""Writes the hand-made part of the fuzz_hdf5 seed corpus (run with /usr/bin/python3, h5py).

Small files the readers must accept or refuse cleanly: a minimal valid run file in several
encodings, and foreign, wrong-typed, wrong-shaped and truncated ones. The corpus also holds
files written by rotsim itself (rotsim_*.hdf5, see docs/reliability.md). The files are named
.hdf5, not .h5, which the repository's .gitignore leaves out. Usage:
    make_hdf5_seeds.py OUTPUT_DIR
"""
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


def run_file(name, runs=2, ticks=3, vlen=True, latest=True, chunked=False, attrs=None):
    """A minimal file with what read_summary_table and read_series look at. `attrs` replaces
    root attributes (None: leave the attribute out)."""
    kw = {"libver": "latest"} if latest else {}
    string = h5py.string_dtype() if vlen else None
    values = {
        "runs": np.int64(runs),
        "ticks": np.int32(ticks),
        "seed": np.uint64(7),
        "scenario": "[run]\nhorizon_days = 3\n",
        "engine_version": "0.1.0",
    }
    values.update(attrs or {})
    with h5py.File(path(name), "w", **kw) as f:
        for key, value in values.items():
            if value is None:
                continue
            if isinstance(value, str):
                if vlen:
                    f.attrs.create(key, value, dtype=string)
                else:
                    f.attrs.create(key, np.bytes_(value))
            else:
                f.attrs[key] = value
        opts = {"chunks": True, "compression": "gzip", "shuffle": True} if chunked else {}
        summary = f.create_group("summary", track_order=True)
        summary.create_dataset("served", data=np.arange(runs, dtype="f8"), **opts)
        summary.create_dataset("killed", data=np.arange(runs, dtype="i8"), **opts)
        series = f.create_group("timeseries")
        series.create_dataset("served", data=np.arange(runs * ticks, dtype="i8").reshape(runs, ticks),
                              **opts)


run_file("minimal_vlen.hdf5")
run_file("minimal_fixed_strings.hdf5", vlen=False)
run_file("minimal_old_format.hdf5", latest=False)
run_file("minimal_chunked_gzip.hdf5", chunked=True)
run_file("zero_runs.hdf5", runs=0)
run_file("negative_runs.hdf5", attrs={"runs": np.int64(-3)})
run_file("huge_runs.hdf5", attrs={"runs": np.int64(2**40)})
run_file("missing_seed.hdf5", attrs={"seed": None})
run_file("missing_scenario.hdf5", attrs={"scenario": None})
run_file("double_ticks.hdf5", attrs={"ticks": np.float64(3)})
run_file("array_runs.hdf5", attrs={"runs": np.array([2, 2], dtype="i8")})

# Datasets that claim far more values than the file holds: chunked, never written, all fill value.
# A reader that sized its buffers from the claim alone would try to allocate 32 GiB.
with h5py.File(path("unwritten_huge_dataset.hdf5"), "w", libver="latest") as f:
    runs = 2**32
    f.attrs["runs"] = np.int64(runs)
    f.attrs["ticks"] = np.int32(1)
    f.attrs["seed"] = np.uint64(7)
    f.attrs.create("scenario", "x", dtype=h5py.string_dtype())
    f.attrs.create("engine_version", "x", dtype=h5py.string_dtype())
    f.create_group("summary").create_dataset("served", shape=(runs,), dtype="f8", chunks=(4096,))
    f.create_group("timeseries").create_dataset("served", shape=(runs, 1), dtype="i8",
                                                chunks=(4096, 1))

# Shape and type mismatches.
with h5py.File(path("summary_wrong_shape.hdf5"), "w", libver="latest") as f:
    f.attrs["runs"] = np.int64(2)
    f.attrs["ticks"] = np.int32(3)
    f.attrs["seed"] = np.uint64(1)
    f.attrs.create("scenario", "x", dtype=h5py.string_dtype())
    f.attrs.create("engine_version", "x", dtype=h5py.string_dtype())
    f.create_dataset("summary/served", data=np.zeros((2, 2)))
    f.create_dataset("summary/names", data=np.array([b"ab", b"cd"]))
    f.create_dataset("timeseries/served", data=np.zeros((3, 2)))

with h5py.File(path("summary_is_dataset.hdf5"), "w", libver="latest") as f:
    f.attrs["runs"] = np.int64(1)
    f.attrs["ticks"] = np.int32(1)
    f.attrs["seed"] = np.uint64(1)
    f.attrs.create("scenario", "x", dtype=h5py.string_dtype())
    f.attrs.create("engine_version", "x", dtype=h5py.string_dtype())
    f["summary"] = np.zeros(1)
    f["timeseries"] = np.zeros(1)
    f.create_group("other")["served"] = h5py.SoftLink("/nowhere")

with h5py.File(path("compound_and_links.hdf5"), "w", libver="latest") as f:
    f.attrs["runs"] = np.int64(1)
    f.attrs["ticks"] = np.int32(1)
    f.attrs["seed"] = np.uint64(1)
    f.attrs.create("scenario", "x", dtype=h5py.string_dtype())
    f.attrs.create("engine_version", "x", dtype=h5py.string_dtype())
    g = f.create_group("summary")
    g.create_dataset("pair", data=np.zeros(1, dtype=[("a", "i4"), ("b", "f8")]))
    g["soft"] = h5py.SoftLink("/summary/pair")
    g["external"] = h5py.ExternalLink("elsewhere.h5", "/data")
    f.create_group("timeseries")["served"] = h5py.SoftLink("/summary/pair")

# Not a rotsim file at all.
with h5py.File(path("foreign_h5py.hdf5"), "w") as f:
    f.create_dataset("data", data=np.arange(10.0))
    f.attrs["title"] = "made by h5py"

# Not HDF5, or not whole.
with open(path("empty.hdf5"), "wb"):
    pass
with open(path("text.ini"), "w") as f:
    f.write("[run]\nhorizon_days = 10\n")
with open(path("minimal_vlen.hdf5"), "rb") as f:
    whole = f.read()
with open(path("minimal_truncated.hdf5"), "wb") as f:
    f.write(whole[: len(whole) // 2])
with open(path("signature_only.hdf5"), "wb") as f:
    f.write(whole[:8])
