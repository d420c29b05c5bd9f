"""Checks `rotsim compare --csv` against numpy and scipy on the rows stored in the files.

usage: compare_check.py CSV A.h5 B.h5 MODE [PAIRS [some]]
       compare_check.py CSV SWEEP.h5 --baseline POINT
MODE: paired, welch or exact; PAIRS: the number of pairs (paired) expected; some: the CSV holds
the metrics --metric named, not every one.
"""
import csv
import sys

import h5py
import numpy as np
from scipy import stats


def close(got, want, what, tolerance=1e-12):
    got = float(got)
    if np.isnan(want):
        assert np.isnan(got), f"{what}: {got}, expected nan"
        return
    assert abs(got - want) <= tolerance * max(1.0, abs(want)), f"{what}: {got}, expected {want}"


def done_rows(f):
    """Rows that hold a run: /runs/status done in sweeps, replication >= 0 in run files."""
    if "status" in f["runs"]:
        return f["runs/status"][()] == 1
    return f["runs/replication"][()] >= 0


def paired_numbers(a, b):
    keep = ~np.isnan(a) & ~np.isnan(b)
    a, b = a[keep], b[keep]
    n = a.size
    d = b - a
    half = stats.t.ppf(0.975, n - 1) * d.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
    ratio = b.mean() / a.mean()
    z = (b - ratio * a) / a.mean()
    phalf = 100 * stats.t.ppf(0.975, n - 1) * z.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
    pct = 100 * (ratio - 1)
    if a.mean() == 0:  # no percent change from 0
        pct = phalf = np.nan
    corr = np.corrcoef(a, b)[0, 1] if n > 1 and a.std() > 0 and b.std() > 0 else np.nan
    return dict(runs_a=n, runs_b=n, mean_a=a.mean(), mean_b=b.mean(), difference=d.mean(),
                lo=d.mean() - half, hi=d.mean() + half, percent=pct, percent_lo=pct - phalf,
                percent_hi=pct + phalf, correlation=corr)


def welch_numbers(a, b, a_exact=False, b_exact=False):
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    ua = 0.0 if a_exact else a.var(ddof=1) / a.size
    ub = 0.0 if b_exact else b.var(ddof=1) / b.size
    diff = b.mean() - a.mean()
    out = dict(runs_a=a.size, runs_b=b.size, mean_a=a.mean(), mean_b=b.mean(), difference=diff,
               percent=100 * (b.mean() / a.mean() - 1), correlation=np.nan)
    if a_exact and b_exact:
        out.update(lo=np.nan, hi=np.nan, percent_lo=np.nan, percent_hi=np.nan)
        return out
    def half_width(u1, u2):
        """Welch-Satterthwaite degrees of freedom; no variance at all: no width."""
        if u1 + u2 == 0:
            return 0.0
        terms = [(u1, a.size - 1), (u2, b.size - 1)]
        dof = (u1 + u2) ** 2 / sum(u * u / k for u, k in terms if u > 0)
        return stats.t.ppf(0.975, dof) * np.sqrt(u1 + u2)

    half = half_width(ua, ub)
    if a.mean() == 0:
        out["percent"] = phalf = np.nan
    else:
        r = b.mean() / a.mean()
        phalf = 100 * half_width(r * r * ua / a.mean() ** 2, ub / a.mean() ** 2)
    out.update(lo=diff - half, hi=diff + half, percent_lo=out["percent"] - phalf,
               percent_hi=out["percent"] + phalf)
    return out


def check_row(row, want, what):
    for key, value in want.items():
        if key in ("runs_a", "runs_b"):
            assert int(row[key]) == value, f"{what} {key}: {row[key]}, expected {value}"
        else:
            # Interval bounds carry Student's t quantile, which scipy 1.10 gets to about 1e-10
            # (rotsim's, from Boost.Math, is exact to double precision); means, to rounding.
            bound = key in ("lo", "hi", "percent_lo", "percent_hi")
            close(row[key], value, f"{what} {key}", 1e-8 if bound else 1e-12)


def two_files(rows, path_a, path_b, mode, pairs, every):
    with h5py.File(path_a, "r") as fa, h5py.File(path_b, "r") as fb:
        coordinates = ("run", "replication", "seed", "point")  # not metrics
        stored = [m for m in fa["summary"] if m in fb["summary"] and m not in coordinates]
        if every:
            assert {r["metric"] for r in rows} >= set(stored), "a stored metric is missing"
        else:
            stored = [m for m in stored if m in {r["metric"] for r in rows}]
        assert "casualties" in {r["metric"] for r in rows}, "no derived metric"
        da, db = done_rows(fa), done_rows(fb)
        checked = 0
        for row in rows:
            assert row["pairing"] == mode, row
            if row["metric"] not in stored:
                continue
            a = fa["summary"][row["metric"]][()].astype(float)
            b = fb["summary"][row["metric"]][()].astype(float)
            if mode == "paired":
                ka = list(zip(fa["runs/seed"][()][da], fa["runs/replication"][()][da]))
                kb = list(zip(fb["runs/seed"][()][db], fb["runs/replication"][()][db]))
                common = [k for k in ka if k in kb]
                assert len(common) == pairs, (len(common), pairs)
                va = np.array([a[da][ka.index(k)] for k in common])
                vb = np.array([b[db][kb.index(k)] for k in common])
                want = paired_numbers(va, vb)
            else:
                exact_a = "expectation" in fa.attrs
                exact_b = "expectation" in fb.attrs
                want = welch_numbers(a[da], b[db], exact_a, exact_b)
            check_row(row, want, row["metric"])
            checked += 1
        assert checked == len(stored), (checked, len(stored))
    print(f"{mode}: {checked} stored metrics = numpy")


def sweep(rows, path, base):
    with h5py.File(path, "r") as f:
        point = f["runs/point"][()]
        rep = f["runs/replication"][()]
        done = done_rows(f)
        points = int(f["design"].attrs["points"])
        checked = 0
        for row in rows:
            p = int(row["point"])
            assert p != base
            assert row["pairing"] == "paired", row
            if row["metric"] not in f["summary"]:
                continue
            x = f["summary"][row["metric"]][()].astype(float)
            b_rows = {r: i for i, r in enumerate(rep) if point[i] == base and done[i]}
            p_rows = {r: i for i, r in enumerate(rep) if point[i] == p and done[i]}
            common = sorted(set(b_rows) & set(p_rows))
            want = paired_numbers(np.array([x[b_rows[r]] for r in common]),
                                  np.array([x[p_rows[r]] for r in common]))
            check_row(row, want, f"point {p} {row['metric']}")
            checked += 1
        assert checked == (points - 1) * len({r["metric"] for r in rows if r["metric"] in f["summary"]})
    print(f"sweep against point {base}: {checked} rows = numpy")


np.seterr(divide="ignore", invalid="ignore")  # a mean of 0 has no percent change: nan
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows, "no rows"
if sys.argv[3] == "--baseline":
    sweep(rows, sys.argv[2], int(sys.argv[4]))
else:
    two_files(rows, sys.argv[2], sys.argv[3], sys.argv[4],
              int(sys.argv[5]) if len(sys.argv) > 5 else 0, sys.argv[6:] != ["some"])
