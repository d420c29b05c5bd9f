"""Checks a run file of a scenario with contingents with h5py alone, as docs/hdf5-schema.md
describes it: /contingents/NAME/timeseries/* sum over the contingents to /timeseries/*, day by
day; each contingent's summaries are its own series at the horizon; a contingent with hazard
multiplier 0 has no casualties; /agents/contingent names each soldier's contingent.

Usage: check_contingents.py RUN.h5 [SMALL.h5]     the files (SMALL: --every, --series,
                                                   --single-precision)
       check_contingents.py RUN.h5 --csv TABLE.csv `rotsim summarize RUN.h5 --csv` against the file
"""
import csv
import math
import sys

import h5py
import numpy as np

# Summaries that are a count at the horizon: the last column of their series.
AT_HORIZON = {"served": "served", "dispatched": "dispatched", "killed": "killed",
              "wounded": "wounded", "captured": "captured", "home": "n_home",
              "in_russia_final": "in_russia", "accrued_usd": "accrued_usd"}
# Coordinates for netCDF readers (docs/hdf5-schema.md), shared with /timeseries: not metrics.
COORDINATES = ("run", "time", "date", "replication", "seed", "point")


def names_of(f):
    return [str(n) for n in f["contingents"].attrs["names"]]


def check_file(path):
    with h5py.File(path, "r") as f:
        names = names_of(f)
        assert names == ["combat", "builders"], names
        runs, stored = f["runs/replication"].shape[0], f["time/tick"].shape[0]
        for name in names:
            g = f["contingents/" + name]
            assert list(g) == ["timeseries", "summary"], list(g)
            assert list(g["timeseries"]) == list(f["timeseries"]), name
            assert list(g["summary"]) == list(f["summary"]), name
            for metric, ds in g["timeseries"].items():
                if metric in COORDINATES:
                    continue
                total = f["timeseries/" + metric]
                assert ds.shape == (runs, stored) and ds.dtype == total.dtype, (name, metric)
                assert ds.attrs["units"] == total.attrs["units"], (name, metric)
        for metric, total in f["timeseries"].items():
            if metric in COORDINATES:
                continue
            parts = sum(f[f"contingents/{n}/timeseries/{metric}"][()].astype(float) for n in names)
            if total.dtype.kind == "i":
                assert (parts == total[()]).all(), f"{metric}: contingents do not sum to the total"
            else:
                scale = max(1.0, float(np.abs(total[()]).max()))
                tol = 1e-6 if total.dtype.itemsize == 8 else 2e-7 * scale * len(names)
                assert np.allclose(parts, total[()], rtol=0, atol=tol), \
                    f"{metric}: contingents do not sum to the total"
        for name in names:
            g = f["contingents/" + name]
            for summary, series in AT_HORIZON.items():
                if series not in g["timeseries"] or f["time/tick"][-1] != f.attrs["ticks"] - 1:
                    continue
                assert np.allclose(g["summary/" + summary][()], g["timeseries/" + series][:, -1],
                                   rtol=1e-6), f"{name}: summary {summary} is not its series'"
        hazard = {n: float(f["contingents/" + n].attrs["hazard_multiplier"]) for n in names}
        assert hazard == {"combat": 1.0, "builders": 0.0}, hazard
        for metric in ("killed", "wounded", "captured"):
            if metric in f["contingents/builders/summary"]:
                assert (f["contingents/builders/summary/" + metric][()] == 0).all(), metric
        assert (f["contingents/combat/summary/killed"][()] > 0).all(), "combat without deaths"
        if f.attrs["agent_runs"] > 0:
            index = f["agents/contingent"][()]
            assert index.dtype == np.int32
            assert list(f["agents/contingent"].attrs["contingent_names"]) == names
            run = f["agents/run"][()]
            for r in range(int(f.attrs["agent_runs"])):
                mine = index[run == r]
                # Each soldier dispatched once at least: the contingent's dispatches bound its rows.
                for k, name in enumerate(names):
                    assert (mine == k).sum() > 0, f"run {r}: no soldier of {name}"
                ids = f["agents/id"][()][run == r]
                assert np.unique(ids).size == ids.size, f"run {r}: ids repeat across contingents"
    return len(names)


def check_csv(path, table):
    """The CSV's rows against the file: (total) from /summary, each contingent from its own."""
    with h5py.File(path, "r") as f, open(table, encoding="utf-8") as text:
        rows = list(csv.DictReader(text))
        assert list(rows[0])[:2] == ["contingent", "metric"], list(rows[0])
        labels = list(dict.fromkeys(r["contingent"] for r in rows))
        assert labels == ["(total)"] + names_of(f), labels
        checked = 0
        for r in rows:
            base = "" if r["contingent"] == "(total)" else f"contingents/{r['contingent']}/"
            path_ = f"{base}summary/{r['metric']}"
            if path_ not in f:
                continue  # a derived summary
            values = f[path_][()]
            values = values[np.isfinite(values)]
            if values.size == 0:
                continue
            for column, x in (("mean", values.mean()), ("p50", np.quantile(values, 0.5))):
                assert math.isclose(float(r[column]), float(x), rel_tol=1e-9, abs_tol=1e-9), \
                    (r["contingent"], r["metric"], column, r[column], x)
            checked += 1
        assert checked > 60, checked
    return checked


if len(sys.argv) > 3 and sys.argv[2] == "--csv":
    print(f"summarize --csv: {check_csv(sys.argv[1], sys.argv[3])} rows agree with the file")
else:
    for p in sys.argv[1:]:
        check_file(p)
    print(f"contingents of {len(sys.argv) - 1} files sum to the totals")
