"""Checks rotsim-plot's output: every expected figure exists, is a valid PNG, and carries its title.

Usage: check_plots.py DIR                             a run file's figures
       check_plots.py DIR --drawn KIND SUMMARIZE.csv  a file of drawn inputs (KIND prior or
           posterior): fans labelled with the uncertainty they hold, the variance split and the
           drawn inputs, no per-point sweep figures, and the split the figure draws
           (variance_split.csv) equal to `rotsim summarize --csv` of the same file."""
import csv
import math
import os
import struct
import sys
import zlib

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


def png_text(path):
    """The tEXt chunks of a PNG, after checking its signature and every chunk's CRC."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    texts, pos, seen_end = {}, 8, False
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"{path}: bad CRC in {kind}"
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            assert width > 100 and height > 100, f"{path}: {width}x{height}"
        seen_end = kind == b"IEND"
        pos += 12 + length
    assert seen_end, f"{path}: truncated"
    return texts


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


out = sys.argv[1]
drawn = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--drawn" else None
expected = EXPECTED if drawn is None else drawn_expected(drawn)
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
if drawn is not None:
    sweep_figures = [n for n in os.listdir(out) if n.startswith("sweep_")]
    assert not sweep_figures, f"per-point sweep figures for drawn inputs: {sweep_figures}"
    assert f"drawn from {'the scenario' if drawn == 'prior' else 'a calibration'}" in html, \
        "index.html does not say where the inputs were drawn from"
    checked = same_split(os.path.join(out, "variance_split.csv"), sys.argv[4])
    print(f"plots of {drawn} draws OK; the split of {checked} metrics equals rotsim summarize's")
else:
    print("plots OK")
