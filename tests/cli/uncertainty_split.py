"""Checks `rotsim summarize --csv` of a file of drawn inputs against numpy on the stored rows: the
pooled mean, sd and quantiles, and the law-of-total-variance split (docs/uncertainty.md).
Usage: uncertainty_split.py FILE.h5 SUMMARIZE.csv"""
import csv
import sys

import h5py
import numpy as np

path, table = sys.argv[1], sys.argv[2]
f = h5py.File(path, "r")
point = f["runs/point"][:]
done = f["runs/status"][:] == 1
rows = {r["metric"]: r for r in csv.DictReader(open(table))}
checked = 0
for metric in f["summary"]:
    if metric in ("run", "time", "date", "replication", "seed", "point"):
        continue  # coordinates, not metrics
    y = f["summary"][metric][:].astype(float)
    use = done & ~np.isnan(y)
    y, p = y[use], point[use]
    points = np.unique(p)
    groups = [y[p == k] for k in points]
    within = np.mean([g.var(ddof=1) for g in groups if len(g) > 1])
    means = np.array([g.mean() for g in groups])
    between = max(0.0, means.var(ddof=1) - within * np.mean([1 / len(g) for g in groups]))
    share = between / (between + within) if between + within > 0 else 0.0
    expected = {
        "mean": y.mean(), "sd": y.std(ddof=1), "p5": np.quantile(y, 0.05),
        "p50": np.quantile(y, 0.5), "p95": np.quantile(y, 0.95), "inputs_share": share,
        "sd_inputs": np.sqrt(share * y.var(ddof=1)), "sd_noise": np.sqrt((1 - share) * y.var(ddof=1)),
    }
    row = rows[metric]
    for column, value in expected.items():
        got = float(row[column])
        if not np.isclose(got, value, rtol=1e-9, atol=1e-12 * max(1.0, abs(y).max())):
            sys.exit(f"FAIL: {metric} {column}: rotsim {got}, numpy {value}")
    if int(row["runs"]) != len(y):
        sys.exit(f"FAIL: {metric} runs: rotsim {row['runs']}, numpy {len(y)}")
    checked += 1
if checked < 20:
    sys.exit(f"FAIL: only {checked} metrics checked")
print(f"variance split of {checked} metrics equals numpy's")
