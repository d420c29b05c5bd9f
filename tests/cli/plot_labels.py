"""rotsim-plot's figures say what they show: a sweep's default set and --metrics, values of a text
key sorted by meaning, a line and a band a setting of the other keys, a line a design point
labelled with its settings, and two files compared (paired and not) with the difference band
equal to numpy's on the stored rows.

Usage: plot_labels.py ROTSIM SOURCE_DIR"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_text import png_text  # noqa: E402

rotsim, src = sys.argv[1], sys.argv[2]
plot = os.path.join(src, "tools", "rotsim-plot")
scenario = os.path.join(src, "scenarios", "article-2024.ini")
small = ["--set", "run.horizon_days=45", "--quiet"]


def run(args, expect=0):
    r = subprocess.run(args, capture_output=True, text=True)
    assert r.returncode == expect, f"{args}: exit {r.returncode}, expected {expect}: {r.stderr}"
    assert "Traceback" not in r.stderr, r.stderr
    return r


def legend(out, name):
    return png_text(os.path.join(out, name))["Legend"].splitlines()


def check_sweep(tmp):
    """A two-key sweep, one key a duration given out of order: the default set of summary
    metrics, the values sorted by meaning, a line a setting of the other key."""
    sweep = os.path.join(tmp, "sweep.h5")
    run([rotsim, "sweep", scenario, "--grid", "casualties.p_kia=0.0005,0.002",
         "--grid", "durations.stay_days=170..190;60..90;100..120", "--replications", "2",
         "--out", sweep] + small)
    out = os.path.join(tmp, "sweep-plots")
    run([plot, sweep, "--out", out])
    sweep_figures = sorted(n for n in os.listdir(out) if n.startswith("sweep_"))
    with h5py.File(sweep, "r") as f:
        summaries = [n for n in f["summary"]]
    # The default set: a few metrics against each key, not every summary metric.
    assert 0 < len(sweep_figures) <= 2 * 8 < 2 * len(summaries), sweep_figures
    note = png_text(os.path.join(out, "sweep_killed_vs_durations_stay_days.png"))["Description"]
    assert "durations.stay_days in order: 60..90, 100..120, 170..190." in note, note
    entries = legend(out, "sweep_killed_vs_durations_stay_days.png")
    assert entries[:2] == ["median at casualties.p_kia=0.0005",
                           "median at casualties.p_kia=0.002"], entries
    assert "shaded: 90 % of runs at one setting (run-to-run noise)" in entries, entries
    entries = legend(out, "sweep_killed_vs_casualties_p_kia.png")
    assert entries[:3] == [f"median at durations.stay_days={v}"
                           for v in ("60..90", "100..120", "170..190")], entries
    # The fans: a line a design point, labelled with its settings.
    entries = legend(out, "fan_killed.png")
    assert entries[:3] == [f"median: casualties.p_kia=0.0005, durations.stay_days={v}"
                           for v in ("60..90", "100..120", "170..190")], entries
    assert "shaded: 90 % of a point's runs (run-to-run noise)" in entries, entries
    # --metrics chooses; a name the file lacks is refused with the list it has.
    chosen = os.path.join(tmp, "chosen")
    run([plot, sweep, "--out", chosen, "--metrics", "killed,usd_per_death,money"])
    assert sorted(n for n in os.listdir(chosen) if n.endswith(".png")) == sorted([
        "fan_killed.png", "money.png", "sweep_killed_vs_casualties_p_kia.png",
        "sweep_killed_vs_durations_stay_days.png", "sweep_usd_per_death_vs_casualties_p_kia.png",
        "sweep_usd_per_death_vs_durations_stay_days.png"]), os.listdir(chosen)
    err = run([plot, sweep, "--out", chosen, "--metrics", "killed,kiled"], expect=2).stderr
    assert "no figure of 'kiled'" in err and "killed_in_action" in err, err
    assert len(err.strip().splitlines()) == 1, err
    check_coordinates(tmp, sweep, sweep_figures)
    return len(sweep_figures)


def check_coordinates(tmp, sweep, sweep_figures):
    """Coordinate datasets beside the metrics (run, time, date, replication, seed, point: what
    xarray needs for dimensions) are not metrics: not drawn, not offered, not in the split."""
    copy = os.path.join(tmp, "coordinates.h5")
    with open(sweep, "rb") as a, open(copy, "wb") as b:
        b.write(a.read())
    with h5py.File(copy, "r+") as f:
        runs, days = f["summary/killed"].shape[0], f["timeseries/killed"].shape[1]
        # rotsim writes them (netCDF-4 scales); made here where a file lacks them, as h5py would.
        made = {"run": np.arange(runs), "replication": f["runs/replication"][()],
                "seed": f["runs/seed"][()], "point": f["runs/point"][()]}
        for group in ("summary", "timeseries"):
            for name, values in made.items():
                if name not in f[group]:
                    f[f"{group}/{name}"] = values
        if "time" not in f["timeseries"]:
            f["timeseries/time"] = np.arange(days)
        if "date" not in f["timeseries"]:
            f["timeseries/date"] = f["time/date"][()]
    out = os.path.join(tmp, "coordinates")
    run([plot, copy, "--out", out])
    drawn = sorted(n for n in os.listdir(out) if n.startswith("sweep_"))
    assert drawn == sweep_figures, f"coordinates changed the figures: {drawn}"
    assert not [n for n in os.listdir(out) if n.split("_")[-1] in (
        "run.png", "time.png", "date.png", "seed.png", "point.png", "replication.png")]
    err = run([plot, copy, "--out", out, "--metrics", "seed"], expect=2).stderr
    assert "no figure of 'seed'" in err and ", seed" not in err, err


def check_compare(tmp):
    """Two files: both fans on one figure and the band of the difference, paired by seed and
    replication where the files share them (as numpy pairs the stored rows), Welch's otherwise."""
    files = {}
    for name, extra in (("a", ["--seed", "3"]),
                        ("b", ["--seed", "3", "--set", "casualties.p_kia=0.004"]),
                        ("c", ["--seed", "8"])):
        files[name] = os.path.join(tmp, f"{name}.h5")
        run([rotsim, "run", scenario, "-n", "6", "--out", files[name]] + extra + small)
    # A run file draws no figure of a summary metric: refused, not silently nothing.
    err = run([plot, files["a"], "--out", os.path.join(tmp, "a"), "--metrics",
               "peak_in_russia"], expect=2).stderr
    assert "no figure of 'peak_in_russia'" in err, err
    out = os.path.join(tmp, "ab")
    run([plot, files["a"], files["b"], "--out", out, "--metrics", "killed,in_russia"])
    entries = legend(out, "compare_killed.png")
    assert any(e.startswith("90 % of the paired differences B - A: paired by /runs seed and "
                            "replication (6 pairs") for e in entries), entries
    with h5py.File(files["a"], "r") as fa, h5py.File(files["b"], "r") as fb:
        # b's rows reversed would still pair; here they are in the same order by construction.
        ka = list(zip(fa["runs/seed"][()], fa["runs/replication"][()]))
        kb = list(zip(fb["runs/seed"][()], fb["runs/replication"][()]))
        order = [kb.index(k) for k in ka]
        d = fb["timeseries/killed"][()][order].astype(float) - fa["timeseries/killed"][()]
    want = np.quantile(d, [0.05, 0.5, 0.95], axis=0)
    with open(os.path.join(out, "compare_differences.csv"), encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["metric"] == "killed"]
    got = np.array([[float(r[c]) for r in rows] for c in ("low", "centre", "high")])
    assert {r["method"] for r in rows} == {"paired"}
    assert np.allclose(got, want, rtol=1e-12, atol=0), "the paired band differs from numpy's"
    out = os.path.join(tmp, "ac")
    run([plot, files["a"], files["c"], "--out", out, "--metrics", "killed"])
    entries = legend(out, "compare_killed.png")
    assert any("not paired (the files share no seed and replication)" in e for e in entries), \
        entries
    with open(os.path.join(out, "index.html"), encoding="utf-8") as page:
        assert "not paired" in page.read()
    # A file of random-stream version 1 shares no random numbers with one of version 3, whatever
    # its seeds: not paired, and the figure and the page say why (as `rotsim compare` does).
    old = os.path.join(tmp, "b1.h5")
    shutil.copy(files["b"], old)
    with h5py.File(old, "r+") as f:
        del f.attrs["stream_version"]
    out = os.path.join(tmp, "ab1")
    run([plot, files["a"], old, "--out", out, "--metrics", "killed"])
    entries = legend(out, "compare_killed.png")
    assert any("not paired (made by random-stream versions 3 and 1" in e for e in entries), entries
    with open(os.path.join(out, "index.html"), encoding="utf-8") as page:
        assert "which share no random numbers" in page.read()
    check_expected(tmp, files["a"])
    return len(rows)


def check_expected(tmp, runs):
    """An expected-value file: a line, no band; against runs, the difference of the runs' mean and
    the expected value, its interval from the runs' sampling error alone."""
    expected = os.path.join(tmp, "expected.h5")
    run([rotsim, "expect", scenario, "--out", expected] + small)
    out = os.path.join(tmp, "expected")
    run([plot, expected, "--out", out, "--metrics", "killed"])
    assert legend(out, "fan_killed.png") == ["expected value (mean-field; no runs, no band)"], \
        legend(out, "fan_killed.png")
    run([plot, expected, runs, "--out", out, "--metrics", "killed"])
    entries = legend(out, "compare_killed.png")
    assert entries[0] == "A = expected.h5: expected values (no runs, no band)", entries
    with h5py.File(expected, "r") as fe, h5py.File(runs, "r") as fr:
        e, r = fe["timeseries/killed"][0], fr["timeseries/killed"][()].astype(float)
    half = 1.96 * r.std(axis=0, ddof=1) / np.sqrt(r.shape[0])
    want = np.array([r.mean(axis=0) - e - half, r.mean(axis=0) - e, r.mean(axis=0) - e + half])
    with open(os.path.join(out, "compare_differences.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = np.array([[float(x[c]) for x in rows] for c in ("low", "centre", "high")])
    assert np.allclose(got, want, rtol=1e-9, atol=1e-9, equal_nan=True), "expected: band wrong"


def check_target(tmp):
    """The strength target is drawn where dispatch fills a deficit against it, not where a fixed
    number is sent a day (dispatch = schedule), though the file stores target_strength then too."""
    for dispatch, drawn in (("target", True), ("schedule", False)):
        path = os.path.join(tmp, f"{dispatch}.h5")
        run([rotsim, "run", scenario, "-n", "2", "--out", path, "--set",
             f"strength.dispatch={dispatch}", "--set", "strength.dispatch_schedule=0:20"] + small)
        out = os.path.join(tmp, f"{dispatch}-plots")
        run([plot, path, "--out", out, "--metrics", "in_russia"])
        entries = legend(out, "fan_in_russia.png")
        assert any(e.startswith("target strength") for e in entries) == drawn, (dispatch, entries)


with tempfile.TemporaryDirectory() as tmp:
    check_target(tmp)
    figures = check_sweep(tmp)
    days = check_compare(tmp)
print(f"plot labels OK: {figures} sweep figures by default, text values by meaning; "
      f"the paired difference of {days} days equals numpy's")
