"""Two files compared (rotsim-plot A.h5 B.h5): for each metric, both fan charts on one figure and,
below, the band of the difference B - A: of the paired differences where both files hold runs of
the same (seed, replication), whose random streams are then the same (common random numbers), or
of the means (Welch's 95 % interval) where they do not."""
import html
from collections import Counter
import os
import warnings

import numpy as np

from .drawing import date_axis, plt, save
from .index import figure_items, write_page
from .metrics import DERIVED_FANS, FANS
from .reading import BadFile, dates_of, done_rows, text, values_of
from .worker import open_file, series_names


def run_keys(f, rows):
    """(seed, replication) of each chosen run."""
    return list(zip(f["runs/seed"][()][rows].tolist(), f["runs/replication"][()][rows].tolist()))


def stream_version(f):
    """The random-stream version that made the file's runs; files without it are version 1."""
    return int(f.attrs.get("stream_version", 1))


def key_version(f):
    """The key version of the file's random streams (docs/model.md 3.3.12): stream versions 2 and 3
    draw under the same keys."""
    return 2 if stream_version(f) >= 2 else 1


def pairing(a, b, rows_a, rows_b):
    """Row indices (into the chosen runs) of A and B that pair up by (seed, replication), or None
    when fewer than 2 do; a key that repeats within a file does not pair."""
    keys_a, keys_b = run_keys(a, rows_a), run_keys(b, rows_b)
    count_a, count_b = Counter(keys_a), Counter(keys_b)
    index_a = {k: i for i, k in enumerate(keys_a) if count_a[k] == 1}
    index_b = {k: i for i, k in enumerate(keys_b) if count_b[k] == 1}
    common = [k for k in index_a if k in index_b]
    if len(common) < 2:
        return None
    return np.array([index_a[k] for k in common]), np.array([index_b[k] for k in common])


def welch_band(x, y, exact):
    """Per day, the difference of the means of y and x and its 95 % Welch interval (normal
    quantile 1.96: the runs are many enough for the figure's purpose). `exact`: per file, whether
    it is an expected-value file, whose one row has no sampling error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        diff = np.nanmean(y, axis=0) - np.nanmean(x, axis=0)
        se2 = [0.0 if e else np.nanvar(v, axis=0, ddof=1) / np.sum(np.isfinite(v), axis=0)
               for v, e in ((x, exact[0]), (y, exact[1]))]
        se = np.sqrt(se2[0] + se2[1])
    return diff - 1.96 * se, diff, diff + 1.96 * se


def band_holds(f):
    """What a band over every run of the file holds."""
    if "expectation" in f.attrs:
        return "expected values, exact: no runs"
    if "design" not in f:
        return "run-to-run noise"
    if text(f["design"].attrs.get("kind", "")) in ("prior", "posterior"):
        return "input uncertainty + run-to-run noise"
    return "every design point pooled: run-to-run noise + the settings"


def compare_figure(names, holds, dates, x, y, pairs, metric, title, units, out, unpaired):
    """Top: both files' medians and 90 % bands. Bottom: the band of the difference B - A.
    `unpaired`: why the runs do not pair, where they do not."""
    a_name, b_name = names
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 7.4), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for values, letter, name, words, colour in ((x, "A", a_name, holds[0], "C0"),
                                                    (y, "B", b_name, holds[1], "C1")):
            if "expected" in words:
                top.plot(dates, values[0], color=colour,
                         label=f"{letter} = {name}: expected values (no runs, no band)")
                continue
            q = np.nanquantile(values, [0.05, 0.5, 0.95], axis=0)
            top.fill_between(dates, q[0], q[2], alpha=0.2, color=colour, lw=0,
                             label=f"{letter} = {name}: 90 % of {len(values)} runs ({words})")
            top.plot(dates, q[1], color=colour, label=f"{letter} median")
        if pairs is not None:
            d = y[pairs[1]] - x[pairs[0]]
            q = np.nanquantile(d, [0.05, 0.5, 0.95], axis=0)
            how = (f"paired by /runs seed and replication ({len(pairs[0])} pairs, common random "
                   "numbers)")
            bottom.fill_between(dates, q[0], q[2], alpha=0.3, color="C2", lw=0,
                                label=f"90 % of the paired differences B - A: {how}")
            bottom.plot(dates, q[1], color="C2", label="median of the paired differences")
            band = ("paired", q[0], q[1], q[2])
        else:
            exact = ["expected" in h for h in holds]
            lo, mid, hi = welch_band(x, y, exact)
            how = f"not paired ({unpaired}): difference of the means, 95 % Welch interval"
            if any(exact):
                how = ("not paired (expected values have no runs): difference of the means, "
                       "95 % interval from the runs' sampling error alone")
            bottom.fill_between(dates, lo, hi, alpha=0.3, color="C2", lw=0,
                                label=f"B - A {how}")
            bottom.plot(dates, mid, color="C2", label="difference of the means B - A")
            band = ("welch", lo, mid, hi)
    bottom.axhline(0, color="0.3", lw=0.8)
    top.set_title(f"{title}: B against A")
    top.set_ylabel(units)
    bottom.set_ylabel(f"B - A ({units})" if units else "B - A")
    bottom.set_title("difference B - A", fontsize="small")
    for ax in (top, bottom):
        ax.legend(loc="upper left", fontsize="x-small")
        date_axis(ax)
    fig.tight_layout()
    shown = f"{title}: B against A"
    figure = save(fig, out, f"compare_{metric}.png", shown,
                  f"{shown}: both files' medians and 90 % bands of their runs (A: {holds[0]}; "
                  f"B: {holds[1]}); below, the difference B - A, {how}.")
    return figure, band


def write_differences(out, rows):
    """compare_differences.csv: the difference band each figure draws, printed exactly (repr):
    method paired (low, centre, high: 5, 50, 95 % of the paired differences) or welch (the
    difference of the means and its 95 % interval)."""
    with open(os.path.join(out, "compare_differences.csv"), "w", encoding="utf-8") as csv_file:
        csv_file.write("metric,date,method,low,centre,high\n")
        for metric, dates, (method, lo, mid, hi) in rows:
            for i, day in enumerate(dates):
                csv_file.write(f"{metric},{day},{method},{float(lo[i])!r},{float(mid[i])!r},"
                               f"{float(hi[i])!r}\n")


def compare_files(files, out, requested):
    """Both files' figures by metric, and index.html; returns how many figures."""
    names = [os.path.basename(p) for p in files]
    if names[0] == names[1]:
        names = list(files)
    with open_file(files[0]) as a, open_file(files[1]) as b:
        rows = [done_rows(a), done_rows(b)]
        for f, r in zip((a, b), rows):
            if not r.any():
                raise BadFile(f"{f.filename}: no finished runs to compare")
        dates = [dates_of(a), dates_of(b)]
        common, at_a, at_b = np.intersect1d(dates[0], dates[1], return_indices=True)
        if common.size == 0:
            raise BadFile(f"{files[0]} and {files[1]} have no day in common")
        both = [m for m in series_names(a) if m in set(series_names(b))]
        known = {m: (m, t, u) for m, t, u in FANS + DERIVED_FANS}
        if requested is None:
            chosen = [known[m] for m in known if m in both]
        else:
            unknown = [m for m in requested if m not in both]
            if unknown:
                raise BadFile(f"--metrics: no series {', '.join(repr(m) for m in unknown)} in "
                              f"both files; both have: {', '.join(both)}")
            chosen = [known.get(m, (m, m, "")) for m in requested]
        # Files whose streams share no numbers (as `rotsim compare` holds) do not pair by seed.
        unshared = (f"made by random-stream versions {stream_version(a)} and "
                    f"{stream_version(b)}, which share no random numbers"
                    if key_version(a) != key_version(b) else "")
        pairs = None if unshared else pairing(a, b, rows[0], rows[1])
        unpaired = unshared or "the files share no seed and replication"
        os.makedirs(out, exist_ok=True)
        figures, bands = [], []
        for metric, title, units in chosen:
            x = values_of(a, metric, "series", rows[0])[:, at_a]
            y = values_of(b, metric, "series", rows[1])[:, at_b]
            figure, band = compare_figure(names, [band_holds(a), band_holds(b)], common, x, y,
                                          pairs, metric, title, units, out, unpaired)
            figures.append(figure)
            bands.append((metric, common, band))
    write_differences(out, bands)
    how = (f"paired by /runs seed and replication: {len(pairs[0])} pairs" if pairs is not None
           else "not paired: differences of the means")
    if unshared:
        how += f" ({unshared})"
    body = (f"<p>A = {html.escape(files[0])}, B = {html.escape(files[1])}; {how}; "
            f"{common.size} days in common. The bands of the differences are in "
            '<a href="compare_differences.csv">compare_differences.csv</a>.</p>\n'
            f"{figure_items(figures)}")
    write_page(out, f"{names[0]} against {names[1]}", body)
    return len(figures)
