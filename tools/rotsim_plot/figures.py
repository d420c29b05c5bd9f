"""The fan charts and the money chart of a run or sweep file."""
import warnings

import numpy as np

from .drawing import date_axis, plt, save
from .metrics import MONEY
from .reading import (design_values, meaning_key, need, ordered_levels, reduced, text,
                      values_of)

# What the bands of a file of plain runs hold: its runs differ by their random streams only.
NOISE = "run-to-run noise"
# More design points than this are drawn as lines coloured by the first key, not one entry each.
MAX_POINT_ENTRIES = 8


def point_labels(f):
    """Each design point's settings as `key=value, ...`, in /design order."""
    keys = [text(k) for k in f["design"].attrs["keys"]]
    columns = [design_values(f, k) for k in keys]
    labels = []
    for p in range(len(columns[0]) if columns else 0):
        labels.append(", ".join(f"{k}={c[p]:g}" if isinstance(c[p], float) else f"{k}={c[p]}"
                                for k, c in zip(keys, columns)))
    return labels


def points_by_meaning(f):
    """The design points ordered by their settings, key by key, numbers by value and text by
    meaning_key, so that the legend reads 60..90 before 170..190."""
    keys = [text(k) for k in f["design"].attrs["keys"]]
    columns = [design_values(f, k) for k in keys]
    n_points = len(columns[0]) if columns else 0
    return sorted(range(n_points), key=lambda p: tuple(
        ((c[p],), "") if isinstance(c[p], float) else meaning_key(c[p]) for c in columns))


def point_bands(f, metric, rows):
    """Per design point, the 5, 50 and 95 % of its runs on each day, as (points, 3, days): from
    /reduced where `summarize --reduce` stored them, else from the runs."""
    bands = reduced(f, metric, ["p5", "p50", "p95"])
    if bands is not None and bands.shape[0] > 1:
        return bands
    values = values_of(f, metric, "series", rows)
    point = f["runs/point"][()][rows]
    n_points = f["design"][text(f["design"].attrs["keys"][0])].shape[0]
    out = np.full((n_points, 3, values.shape[1]), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a point without finished runs
        for p in np.unique(point):
            out[p] = np.nanquantile(values[point == p], [0.05, 0.5, 0.95], axis=0)
    return out


def sweep_fan(ax, f, dates, rows, metric):
    """A sweep: each design point apart, since pooling points would mix settings with noise."""
    bands = point_bands(f, metric, rows)
    labels = point_labels(f)
    if len(labels) <= MAX_POINT_ENTRIES:
        for i, p in enumerate(points_by_meaning(f)):
            label, colour = labels[p], f"C{i % 10}"
            ax.fill_between(dates, bands[p, 0], bands[p, 2], alpha=0.12, color=colour, lw=0)
            ax.plot(dates, bands[p, 1], color=colour, lw=1.2, label=f"median: {label}")
        ax.fill_between([], [], [], color="0.5", alpha=0.25,
                        label=f"shaded: 90 % of a point's runs ({NOISE})")
        return f"one line a design point, labelled with its settings; shaded: {NOISE}"
    key = text(f["design"].attrs["keys"][0])
    first = design_values(f, key)
    levels = list(ordered_levels(first))
    for p in range(bands.shape[0]):
        level = levels.index(first[p]) if first[p] in levels else 0
        ax.plot(dates, bands[p, 1], lw=0.8, alpha=0.7, color=f"C{level % 10}")
    for i, v in enumerate(levels[:10]):
        count = int(np.sum(first == v))
        value = f"{v:g}" if isinstance(v, float) else str(v)
        ax.plot([], [], color=f"C{i % 10}",
                label=f"{key}={value}: median of each of its {count} points")
    return (f"the median of each of {bands.shape[0]} design points, coloured by {key}; "
            "no band (each point's own runs differ by run-to-run noise)")


def fan_chart(f, dates, rows, metric, title, units, out, target=None):
    """A metric over time. A run file: the median and the 50 and 90 % bands of its runs
    (run-to-run noise). A sweep: a line a design point. `target`: (values, source) drawn as the
    strength target."""
    fig, ax = plt.subplots(figsize=(8, 4.8))
    runs = int(np.sum(rows))
    if "design" in f and "runs/point" in f:
        shows = sweep_fan(ax, f, dates, rows, metric)
    elif "expectation" in f.attrs:
        # `rotsim expect`: one row of expected values, no runs, so no band of noise.
        what = text(f.attrs["expectation"]).split(":")[0]
        ax.plot(dates, values_of(f, metric, "series", rows)[0], color="C0",
                label=f"expected value ({what}; no runs, no band)")
        shows = f"the expected value on each day ({what}), from rotsim expect: no runs, no band"
    else:
        bands = reduced(f, metric, ["p5", "p25", "p50", "p75", "p95"])
        if bands is not None:
            q = bands[0]
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # a day with no value: NaN
                q = np.nanquantile(values_of(f, metric, "series", rows),
                                   [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
        ax.fill_between(dates, q[0], q[4], alpha=0.2, color="C0", label=f"90 % of runs: {NOISE}")
        ax.fill_between(dates, q[1], q[3], alpha=0.4, color="C0", label=f"50 % of runs: {NOISE}")
        ax.plot(dates, q[2], color="C0", label=f"median of {runs} runs")
        shows = f"the median and the 50 and 90 % bands of {runs} runs: {NOISE} alone"
    if target is not None:
        ax.plot(dates, target[0], color="k", ls="--", lw=1.2,
                label=f"target strength ({target[1]})")
        shows += f"; dashed black: the target strength ({target[1]})"
    ax.set_title(title)
    ax.set_ylabel(units)
    entries = len(ax.get_legend_handles_labels()[1])
    columns = 2 if entries <= 4 else 1
    fig.set_size_inches(8, 4.2 + 0.2 * -(-entries // columns))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize="small", ncol=columns,
              frameon=False)
    date_axis(ax)
    fig.tight_layout()
    return save(fig, out, f"fan_{metric}.png", title, f"{title}: {shows}.")


def money_layers(f, rows, over):
    """Each account's mean over runs on each day, in million USD, bottom to top."""
    layers, labels = [], []
    for names, label in MONEY:
        names = names if isinstance(names, tuple) else (names,)
        means = [reduced(f, n, ["mean"]) for n in names]
        # A file of drawn inputs is read run by run: /reduced counts every finished run there too,
        # but the runs read here are the ones the other figures use.
        if all(m is not None for m in means) and over == "mean over runs":
            # Mean over points weighted by their runs: the mean over every run, as below.
            weights = f["reduced/runs"][()].astype(float)
            layers.append(sum(np.average(m[:, 0, :], axis=0, weights=weights) for m in means) / 1e6)
        else:
            total = sum(need(f, "timeseries/" + n)[()][rows].astype(float) for n in names)
            layers.append(np.nanmean(total, axis=0) / 1e6)
        labels.append(label)
    return layers, labels


def money_areas(f, dates, rows, out, over="mean over runs"):
    """Where the money went: stacked accounts, and below them each account alone on a log scale
    with its value at the horizon, so that a small account (families) can be read."""
    layers, labels = money_layers(f, rows, over)
    title = f"Where Russia's money went ({over}, cumulative)"
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 7.8), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    colours = [f"C{i}" for i in range(len(layers))]
    top.stackplot(dates, layers, labels=labels, colors=colours, alpha=0.85)
    top.set_title(title)
    top.set_ylabel("million USD")
    top.legend(loc="upper left", fontsize="small")
    date_axis(top)
    for layer, label, colour in zip(layers, labels, colours):
        positive = np.where(layer > 0, layer, np.nan)
        if not np.isfinite(positive).any():
            continue
        last = positive[np.isfinite(positive)][-1]
        bottom.plot(dates, positive, color=colour, lw=1.3, label=f"{label}: {last:,.3g} M")
    bottom.set_yscale("log")
    bottom.set_ylabel("million USD (log)")
    bottom.set_title("each account alone, log scale, with its value at the horizon",
                     fontsize="small")
    bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize="x-small", ncol=3,
                  frameon=False)
    date_axis(bottom)
    fig.tight_layout()
    return save(fig, out, "money.png", title,
                f"{title}: the accounts stacked (top) and each alone on a log scale (bottom), so "
                "that small ones such as families' compensation can be read; means only, no band.")
