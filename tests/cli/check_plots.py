"""Checks rotsim-plot's output: every expected figure exists, is a valid PNG, and carries its title.

Usage: check_plots.py DIR                             a run file's figures
       check_plots.py DIR --contingents A,B,...       a run file of a scenario with contingents:
           its figures, those by contingent too, and index.html naming each contingent
       check_plots.py DIR --drawn KIND SUMMARIZE.csv  a file of drawn inputs (KIND prior or
           posterior): fans labelled with the uncertainty they hold, the variance split and the
           drawn inputs, no per-point sweep figures, and the split the figure draws
           (variance_split.csv) equal to `rotsim summarize --csv` of the same file.
       check_plots.py DIR --calibration FILE.h5       a calibration file's figures (either method):
           the quantiles the figures draw (posterior_quantiles.csv, calibration_fit.csv) equal to
           /calibration/posterior and /calibration/targets/simulated_* to 1e-9, which for sequential
           ABC holds only with the particles' weights; and the generations figure for smc."""
import csv
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_text import png_text  # noqa: E402

EXPECTED = {
    "fan_in_russia.png": "Soldiers in Russia",
    "fan_n_deployed.png": "Soldiers at the front",
    "fan_served.png": "Soldiers who have served in Russia (cumulative)",
    "fan_killed.png": "Killed (cumulative)",
    "fan_wounded.png": "Wounding events (cumulative)",
    "fan_captured.png": "Captured (cumulative)",
    "money.png": "Where Russia's money went (mean over runs, cumulative)",
    # Derived metrics, computed from the stored series.
    "fan_casualties.png": "Casualties: killed in action + wounded + captured (cumulative)",
    "fan_accrued_per_month_usd.png": "Pay accrued per month (not cumulative)",
}


# A run file of contingents adds these, each title saying what its band holds.
CONTINGENT_FIGURES = {
    "contingents_strength.png":
        "Strength by contingent (median, 90 % of runs (run-to-run noise))",
    "contingents_casualties.png":
        "Casualties by contingent (median, 90 % of runs (run-to-run noise))",
    "contingents_money.png": "Pay accrued by contingent (mean over runs, cumulative)",
}


def drawn_expected(kind):
    """The figures of a file of drawn inputs: every band says which uncertainty it holds."""
    band = f"input uncertainty ({kind}) + run-to-run noise"
    expected = {name: f"{title} ({kind} predictive: {band})" for name, title in EXPECTED.items()
                if name.startswith("fan_")}
    expected["money.png"] = ("Where Russia's money went "
                             f"(mean over every run of the {kind} draws, cumulative)")
    expected["variance_split.png"] = \
        f"Variance split: input uncertainty ({kind}) against run-to-run noise"
    expected["inputs.png"] = None  # its title carries the point count: checked below
    return expected


def same_split(plotted, summarized):
    """variance_split.csv (what the figure draws) against rotsim summarize --csv."""
    with open(plotted, encoding="utf-8") as a, open(summarized, encoding="utf-8") as b:
        mine = {r["metric"]: r for r in csv.DictReader(a)}
        theirs = {r["metric"]: r for r in csv.DictReader(b)}
    assert list(mine) == list(theirs), f"metrics differ: {list(mine)} against {list(theirs)}"
    for metric, row in theirs.items():
        assert int(mine[metric]["runs"]) == int(row["runs"]), f"{metric}: runs differ"
        for column in ("mean", "sd", "p5", "p50", "p95", "inputs_share"):
            x, y = float(mine[metric][column]), float(row[column])
            if math.isnan(y) or math.isnan(x):
                assert math.isnan(x) and math.isnan(y), \
                    f"{metric} {column}: plot {x}, summarize {y}"
                continue
            assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12), \
                f"{metric} {column}: plot {x!r}, summarize {y!r}"
    return len(theirs)


def rows_of(path):
    with open(path, encoding="utf-8") as csv_file:
        return list(csv.DictReader(csv_file))


def close(x, y):
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12) or (math.isnan(x) and math.isnan(y))


def unweighted(values, q):
    """The quantile a plot that ignored the weights would draw (equal weights, same midpoints)."""
    x = np.sort(values)
    w = np.full(x.size, 1.0 / x.size)
    return float(np.interp(q, np.cumsum(w) - w / 2, x))


def check_calibration(out, path):
    """The calibration figures and the numbers they draw against the file rotsim calibrate wrote."""
    import h5py  # only this mode needs it
    with h5py.File(path, "r") as f:
        cal = f["calibration"]
        method = cal.attrs["algorithm"]
        method = method.decode() if isinstance(method, bytes) else str(method)
        post = cal["posterior"]
        keys = list(post["key"].asstr()[()])
        plotted = rows_of(os.path.join(out, "posterior_quantiles.csv"))
        assert [r["key"] for r in plotted] == keys, f"keys {[r['key'] for r in plotted]}"
        weights = cal["particles/weight"][()]
        unequal = False
        for k, row in enumerate(plotted):
            for column in ("q05", "q50", "q95"):
                x, y = float(row[column]), float(post[column][k])
                assert close(x, y), f"{keys[k]} {column}: plotted {x!r}, file {y!r}"
            if method == "smc":
                # The check is only worth something if ignoring the weights would fail it.
                values = cal["particles/values"][()][:, k]
                unequal |= any(not close(unweighted(values, q), float(post[c][k]))
                               for q, c in ((0.05, "q05"), (0.5, "q50"), (0.95, "q95")))
        assert method != "smc" or unequal or np.allclose(weights, weights[0]), \
            "the weighted quantiles equal the unweighted ones: this file cannot test the weights"
        targets = cal["targets"]
        line = list(targets["line"][()])
        fit = rows_of(os.path.join(out, "calibration_fit.csv"))
        assert sorted(int(r["line"]) for r in fit) == sorted(line), "targets missing from the fit"
        for row in fit:
            t = line.index(int(row["line"]))
            for column in ("q05", "median", "q95"):
                x, y = float(row[column]), float(targets["simulated_" + column][t])
                assert close(x, y), f"target line {row['line']} {column}: plotted {x!r}, file {y!r}"
        expected = {f"calibration_{m}.png": f"Calibration: {m}"
                    for m in targets["metric"].asstr()[()]}
        expected.update({f"posterior_{k.replace('.', '_')}.png": f"Posterior: {k}" for k in keys})
        generations = cal["generations/tolerance"].shape[0]
        if method == "smc" and generations > 1:
            expected["generations.png"] = \
                "Sequential ABC: tolerance and effective sample size per generation"
        else:
            assert not os.path.exists(os.path.join(out, "generations.png")), \
                "a generations figure for a calibration of one generation"
        for name, title in expected.items():
            text = png_text(os.path.join(out, name))
            assert text.get("Title") == title, f"{name}: title {text.get('Title')!r}"
            # Predictive bands over runs of drawn points hold both kinds of uncertainty.
            for entry in text.get("Legend", "").splitlines():
                if "predictive: 90 %" in entry:
                    assert "input uncertainty + run-to-run noise" in entry, f"{name}: {entry!r}"
        with open(os.path.join(out, "index.html"), encoding="utf-8") as page:
            html = page.read()
        for name in expected:
            assert name in html, f"index.html does not show {name}"
        if method == "smc":
            final = int(cal["generation"][()][cal["particles/point"][()]].max())
            words = f"{len(weights)} weighted particles of generation {final}"
        else:
            words = f"{len(weights)} accepted points, rejection"
        assert words in html, f"index.html does not say the posterior is {words!r}"
    return method, len(keys), len(fit)


# Words one of which every band's legend entry holds: what it is made of.
BAND_WORDS = ("noise", "uncertainty", "predictive", "paired", "Welch", "posterior", "prior")


def check_labels(out, page):
    """Every figure says what it shows: a title, a note (its PNG's Description) that index.html
    shows under it, and legend entries of bands ('N % of ...') that say what they hold."""
    import html as html_module  # noqa: PLC0415
    names = sorted(n for n in os.listdir(out) if n.endswith(".png"))
    for name in names:
        text = png_text(os.path.join(out, name))
        assert text.get("Title"), f"{name}: no title"
        note = text.get("Description", "")
        assert note and note.split(":")[0] in text["Title"], f"{name}: note {note!r}"
        assert html_module.escape(note) in page, f"index.html lacks the note of {name}"
        for entry in text.get("Legend", "").splitlines():
            if "% of" in entry:
                assert any(w in entry for w in BAND_WORDS), \
                    f"{name}: the band {entry!r} does not say what it holds"
    assert page.count('class="note"') == len(names), "not one note a figure on index.html"
    return names


out = sys.argv[1]
drawn = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--drawn" else None
calibration = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--calibration" else None
contingents = (sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[2] == "--contingents"
               else None)
expected = dict(EXPECTED) if drawn is None else drawn_expected(drawn)
if contingents is not None:
    expected.update(CONTINGENT_FIGURES)
else:
    extra = [n for n in os.listdir(out) if n.startswith("contingents_")]
    assert not extra, f"figures by contingent for a file without contingents: {extra}"
for name, title in expected.items():
    text = png_text(os.path.join(out, name))
    if title is None:
        title = text.get("Title", "")
        assert title.startswith(f"Inputs: {drawn} draws ("), f"{name}: title {title!r}"
    assert text.get("Title") == title, f"{name}: title {text.get('Title')!r}, expected {title!r}"
with open(os.path.join(out, "index.html"), encoding="utf-8") as page:
    html = page.read()
for name in expected:
    assert name in html, f"index.html does not show {name}"
assert "[casualties]" in html, "index.html does not show the scenario"
check_labels(out, html)
if drawn is not None:
    sweep_figures = [n for n in os.listdir(out) if n.startswith("sweep_")]
    assert not sweep_figures, f"per-point sweep figures for drawn inputs: {sweep_figures}"
    assert f"drawn from {'the scenario' if drawn == 'prior' else 'a calibration'}" in html, \
        "index.html does not say where the inputs were drawn from"
    checked = same_split(os.path.join(out, "variance_split.csv"), sys.argv[4])
    print(f"plots of {drawn} draws OK; the split of {checked} metrics equals rotsim summarize's")
elif contingents is not None:
    for c in contingents:
        assert f"{c} (hazard x" in html, f"index.html does not name contingent {c}"
    assert f"{len(contingents)} contingents:" in html, "index.html does not count the contingents"
    legend = png_text(os.path.join(out, "contingents_strength.png"))["Legend"]
    assert "dotted: each contingent's target strength" in legend, legend
    print(f"plots OK, with the figures of {len(contingents)} contingents")
elif calibration is not None:
    method, keys, fits = check_calibration(out, calibration)
    print(f"plots of a calibration ({method}) OK; the quantiles of {keys} keys and {fits} targets "
          "equal the file's")
else:
    legend = png_text(os.path.join(out, "fan_in_russia.png"))["Legend"]
    assert "target strength (target_strength stored in the file)" in legend, legend
    legend = png_text(os.path.join(out, "fan_killed.png"))["Legend"]
    assert "90 % of runs: run-to-run noise" in legend, legend
    legend = png_text(os.path.join(out, "money.png"))["Legend"]
    assert "families: " in legend and " M" in legend, f"money: no value of families: {legend}"
    print("plots OK, each labelled")
