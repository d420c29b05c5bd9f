"""Opens rotsim files with xarray, as docs/hdf5-schema.md shows, without options, and checks what
it sees against h5py: the dimensions run and time, the coordinates (date decoded to datetime64,
replication, seed, and point in sweep files), every metric with its values, units and long_name,
for /timeseries, /summary and each contingent's groups; /design along point, its text as str.
Usage: xarray_view.py FILE.h5 [FILE.h5 ...]"""
import sys
import warnings

import h5py
import numpy as np
import pandas as pd
import xarray as xr

COORDINATES = ("run", "time", "date", "replication", "seed", "point")


def fail(message):
    sys.exit(f"FAIL: {message}")


def same(x, y):
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape:
        return False
    if x.dtype.kind == "f" or y.dtype.kind == "f":
        return np.array_equal(x.astype(float), y.astype(float), equal_nan=True)
    return np.array_equal(x, y)


def check_group(path, f, group, series):
    # Warnings would mean xarray guessed: every dimension must come from the file.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ds = xr.open_dataset(path, group=group, engine="h5netcdf")
    with ds:
        runs = f["runs/replication"].shape[0]
        want = {"run": runs, "time": f["time/tick"].shape[0]} if series else {"run": runs}
        if dict(ds.sizes) != want:
            fail(f"{path}:/{group}: dimensions {dict(ds.sizes)}, expected {want}")
        per_run = ["replication", "seed"] + (["point"] if "design" in f else [])
        coords = ["run"] + per_run + (["time", "date"] if series else [])
        if sorted(ds.coords) != sorted(coords):
            fail(f"{path}:/{group}: coordinates {sorted(ds.coords)}, expected {sorted(coords)}")
        if not same(ds["run"], np.arange(runs)):
            fail(f"{path}:/{group}: run is not the row number")
        for name in per_run:
            if ds[name].dims != ("run",) or not same(ds[name], f["runs/" + name][()]):
                fail(f"{path}:/{group}: coordinate {name} differs from /runs/{name}")
        if series:
            if not same(ds["time"], f["time/tick"][()]):
                fail(f"{path}:/{group}: time differs from /time/tick")
            if ds["date"].dtype.kind != "M" or ds["date"].dims != ("time",):
                fail(f"{path}:/{group}: date is {ds['date'].dtype} along {ds['date'].dims}, "
                     "expected datetime64 along time")
            if ds["date"].encoding["units"] != "days since " + f.attrs["start_date"]:
                fail(f"{path}:/{group}: date's units are {ds['date'].encoding['units']}")
            dates = pd.to_datetime(f["time/date"].asstr()[()])
            if not (pd.DatetimeIndex(ds["date"].values) == dates).all():
                fail(f"{path}:/{group}: date differs from /time/date")
        metrics = [m for m in f[group] if m not in COORDINATES]
        if list(ds.data_vars) != metrics:
            fail(f"{path}:/{group}: variables {list(ds.data_vars)}, expected {metrics}")
        for m in metrics:
            var, stored = ds[m], f[group][m]
            if var.dims != (("run", "time") if series else ("run",)):
                fail(f"{path}:/{group}/{m}: dimensions {var.dims}")
            if not same(var.values, stored[()]):
                fail(f"{path}:/{group}/{m}: values differ from h5py's")
            if var.attrs.get("units") != stored.attrs["units"] or \
                    var.attrs.get("long_name") != stored.attrs["description"]:
                fail(f"{path}:/{group}/{m}: attributes {dict(var.attrs)}")
        for name in ds.variables:
            # xarray moves the units of a date it decodes to the encoding.
            units = ds[name].encoding if name == "date" else ds[name].attrs
            if "long_name" not in ds[name].attrs or "units" not in units:
                fail(f"{path}:/{group}/{name}: no units or long_name: {dict(ds[name].attrs)}")
    return len(metrics)


def check_design(path, f):
    """/design opens in xarray along `point`, text values as str, as they are with h5py's
    .asstr(), as the schema shows."""
    checked = 0
    with xr.open_dataset(path, group="design", engine="h5netcdf") as design:
        points = int(f["design"].attrs["points"])
        if dict(design.sizes) != {"point": points} or not same(design["point"], range(points)):
            fail(f"{path}:/design: dimensions {dict(design.sizes)}, expected point: {points}")
        for key in list(f["design"].attrs["keys"]) + ["overrides"]:
            ds = f["design"][key]
            if not h5py.check_string_dtype(ds.dtype):
                if not same(design[key].values, ds[()]):
                    fail(f"{path}:/design/{key}: xarray's values differ from h5py's")
                continue
            values = ds.asstr()[()]
            if not all(isinstance(v, str) for v in values):
                fail(f"{path}:/design/{key}: {values!r} are not str")
            if list(design[key].values) != list(values):
                fail(f"{path}:/design/{key}: xarray's {design[key].values} differ from h5py's")
            checked += key != "overrides"
    for text in f["design/overrides"].asstr()[()]:
        if not isinstance(text, str) or "=" not in text:
            fail(f"{path}:/design/overrides: {text!r}")
    return checked


for path in sys.argv[1:]:
    with h5py.File(path, "r") as f:
        groups = [""]
        if "contingents" in f:
            groups += [f"contingents/{n}/" for n in f["contingents"].attrs["names"]]
        counts = [check_group(path, f, base + "timeseries", True) +
                  check_group(path, f, base + "summary", False) for base in groups]
        texts = check_design(path, f) if "design" in f else 0
    print(f"{path}: xarray agrees with h5py on {sum(counts)} variables in {2 * len(groups)} "
          f"groups" + (f"; {texts} text design keys read as str" if texts else ""))
