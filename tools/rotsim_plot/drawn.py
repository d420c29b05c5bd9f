"""A file of drawn inputs (`rotsim run --input-draws`): fans pooling every run and saying which
uncertainty they hold, the variance split (and its CSV) and the drawn inputs."""
import os

import numpy as np
from matplotlib.ticker import MaxNLocator

from .drawing import date_axis, plt, save
from .figures import money_areas
from .reading import BadFile, done_rows, ordered_levels, summary_metrics, text, values_of


def variance_split(values, point):
    """The law-of-total-variance split of one metric over runs of drawn inputs, estimated exactly as
    rotsim summarize does (engine/analysis/variance_split.cpp). Runs whose value is NaN are left
    out. With n_i runs at point i (the points that have any):

        within  = mean over points with n_i > 1 of var(runs of point i, ddof=1)    E[Var(Y|inputs)]
        between = max(0, var(point means, ddof=1) - within * mean(1 / n_i))        Var(E[Y|inputs])
        inputs_share = between / (between + within)   (0 when both are 0; NaN without a split)

    between is the variance of the point means less what run-to-run noise adds to them (a
    one-way random-effects ANOVA estimate); it needs 2 points and a point with 2 runs. mean, sd
    and the quantiles (type 7) are over every run: the combined band."""
    values = np.asarray(values, dtype=float)
    use = ~np.isnan(values)
    y, p = values[use], np.asarray(point)[use]
    nan = float("nan")
    s = {"runs": int(y.size), "points": 0, "mean": nan, "sd": nan, "p5": nan, "p50": nan,
         "p95": nan, "within": nan, "between": nan, "inputs_share": nan}
    if y.size == 0:
        return s
    groups = [y[p == k] for k in np.unique(p)]
    s["points"] = len(groups)
    s["mean"] = float(y.mean())
    s["sd"] = float(y.std(ddof=1)) if y.size > 1 else nan
    s["p5"], s["p50"], s["p95"] = (float(q) for q in np.quantile(y, [0.05, 0.5, 0.95]))
    variances = [g.var(ddof=1) for g in groups if g.size > 1]
    within = float(np.mean(variances)) if variances else nan
    means = np.array([g.mean() for g in groups])
    s["within"] = within
    if len(groups) > 1 and variances:
        inverse_runs = np.mean([1.0 / g.size for g in groups])
        s["between"] = max(0.0, float(means.var(ddof=1)) - within * inverse_runs)
    total = s["between"] + s["within"]
    s["inputs_share"] = s["between"] / total if total > 0 else (0.0 if total == 0 else nan)
    return s


def band_words(drawn):
    """What a band over every run of a file of drawn inputs holds."""
    return f"input uncertainty ({drawn['kind']}) + run-to-run noise"


def drawn_fan_chart(f, dates, rows, metric, title, units, out, drawn, target=None):
    """A file of drawn inputs: the band pools every run (input uncertainty and noise together, the
    prior or posterior predictive), never one line per point; with 2 or more replications a point,
    also the 90 % band of the point means (the inputs alone, noise averaged over the runs)."""
    values = values_of(f, metric, "series", rows)
    q = np.nanquantile(values, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
    kind = drawn["kind"]
    fig, ax = plt.subplots(figsize=(8, 5.2))
    ax.fill_between(dates, q[0], q[4], alpha=0.2, color="C0",
                    label=f"90 % of runs: {band_words(drawn)}")
    ax.fill_between(dates, q[1], q[3], alpha=0.4, color="C0",
                    label=f"50 % of runs: {band_words(drawn)}")
    ax.plot(dates, q[2], color="C0", label="median of all runs")
    if drawn["replications"] > 1:
        point = f["runs/point"][()][rows]
        means = np.array([np.nanmean(values[point == p], axis=0) for p in np.unique(point)])
        m = np.nanquantile(means, [0.05, 0.95], axis=0)
        ax.plot(dates, m[0], color="C1", ls="--", lw=1.2,
                label=f"90 % of point means: input uncertainty ({kind}) alone, "
                      f"noise averaged over {drawn['replications']} runs")
        ax.plot(dates, m[1], color="C1", ls="--", lw=1.2)
    if target is not None:
        ax.plot(dates, target[0], color="k", ls=":", lw=1.4,
                label=f"target strength ({target[1]})")
    full = f"{title} ({kind} predictive: {band_words(drawn)})"
    ax.set_title(f"{title}\nall runs pooled: {drawn['points']} input points drawn from the "
                 f"{kind} x {drawn['replications']} " +
                 ("runs each" if drawn["replications"] > 1 else "run each"), fontsize="medium")
    ax.set_ylabel(units)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small", ncol=1,
              frameon=False)
    date_axis(ax)
    fig.tight_layout()
    return save(fig, out, f"fan_{metric}.png", full,
                f"{title}: every run pooled, the {kind} predictive ({band_words(drawn)})"
                + ("; dashed: the 90 % band of the point means, the inputs alone."
                   if drawn["replications"] > 1 else "."))


def split_table(f, rows):
    """Each summary metric's combined band and variance split over the finished runs."""
    point = f["runs/point"][()]
    table = []
    for metric in summary_metrics(f):
        values = values_of(f, metric, "summary", slice(None))
        table.append((metric, variance_split(values[rows], point[rows])))
    return table


def write_split_csv(table, out):
    """variance_split.csv beside the figures: the numbers the split figure draws, printed exactly
    (repr), so that they can be checked against rotsim summarize --csv."""
    columns = ["runs", "points", "mean", "sd", "p5", "p50", "p95", "within", "between",
               "inputs_share"]
    with open(os.path.join(out, "variance_split.csv"), "w", encoding="utf-8") as csv_file:
        csv_file.write(",".join(["metric"] + columns) + "\n")
        for metric, s in table:
            csv_file.write(",".join([metric] + [repr(s[c]) for c in columns]) + "\n")


def variance_split_plot(table, out, drawn):
    """Horizontal stacked bars: per summary metric, the share of its variance over all runs that the
    inputs explain and the share that is run-to-run noise."""
    kind = drawn["kind"]
    title = f"Variance split: input uncertainty ({kind}) against run-to-run noise"
    names = [m for m, _ in table]
    share = np.array([s["inputs_share"] for _, s in table])
    flat = np.array([s["sd"] == 0 for _, s in table])
    runs_each = f"{drawn['points']} input points, {drawn['replications']} " + (
        "runs each" if drawn["replications"] > 1 else "run each")
    if np.isnan(share).all():
        # 1 replication a point (or no finished pair): a note, not a page of empty bars.
        fig, ax = plt.subplots(figsize=(8, 3))
        ax.axis("off")
        ax.set_title(f"{title}\n{runs_each}", fontsize="medium")
        reason = ("1 replication per point: run-to-run noise cannot be told from the inputs,\n"
                  "so there is no split. Run --replications 2 or more."
                  if drawn["replications"] < 2 else
                  "No point has 2 finished runs: no split (rotsim summarize prints nan).")
        ax.text(0.5, 0.5, reason, transform=ax.transAxes, ha="center", va="center")
        return save(fig, out, "variance_split.png", title,
                    f"{title}: no split with these runs ({reason.splitlines()[0]})")
    height = 2.4 + 0.27 * len(table)
    fig, ax = plt.subplots(figsize=(8.5, height))
    y = np.arange(len(table))
    drawn_bars = ~np.isnan(share) & ~flat
    if drawn_bars.any():
        inputs = np.where(drawn_bars, share, 0)
        noise = np.where(drawn_bars, 1 - share, 0)
        ax.barh(y, inputs, color="C0", label=f"inputs ({kind} draws): Var(E[Y | inputs])")
        ax.barh(y, noise, left=inputs, color="C1", alpha=0.6,
                label="run-to-run noise: E[Var(Y | inputs)]")
    for i in range(len(table)):
        if flat[i]:
            ax.text(0.5, i, "no variation over the runs", va="center", ha="center",
                    fontsize="x-small", color="0.3")
        elif np.isnan(share[i]):
            ax.text(0.5, i, "no split", va="center", ha="center", fontsize="x-small", color="0.3")
        else:
            inside = share[i] > 0.12
            ax.text(share[i] - 0.01 if inside else share[i] + 0.01, i,
                    f"{100 * share[i]:.0f} %", va="center", ha="right" if inside else "left",
                    fontsize="x-small", color="white" if inside else "black")
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize="small")
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xticks(np.linspace(0, 1, 6))
    ax.set_xticklabels([f"{int(100 * v)} %" for v in np.linspace(0, 1, 6)])
    ax.set_xlabel("share of the variance over all runs")
    ax.set_title(f"{title}\n{runs_each}", fontsize="medium")
    if drawn_bars.any():
        fig.legend(*ax.get_legend_handles_labels(), loc="lower center",
                   bbox_to_anchor=(0.5, 0.55 / height), ncol=2, fontsize="small", frameon=False)
    fig.text(0.01, 0.005,
             "Estimator (as rotsim summarize): within = mean over points of the variance of their "
             "runs (ddof 1);\nbetween = max(0, variance of the point means (ddof 1) - within x "
             "mean(1/runs of a point)); inputs share = between / (between + within).\n"
             "0 %: the point means vary no more than run-to-run noise alone would make them.",
             fontsize="x-small", va="bottom")
    fig.tight_layout(rect=(0, 0.85 / height, 1, 1))
    return save(fig, out, "variance_split.png", title,
                f"{title}: per summary metric, the share of its variance over all runs that the "
                "inputs explain and the share that is run-to-run noise "
                '(numbers in variance_split.csv).')


def drawn_inputs_plot(f, out, drawn):
    """The drawn value of each uncertain key at each point: histograms of numeric keys, counts of
    each choice for the others."""
    kind = drawn["kind"]
    keys = [text(k) for k in f["design"].attrs["keys"]]
    title = f"Inputs: {kind} draws ({drawn['points']} points)"
    cols = min(3, len(keys))
    nrows = -(-len(keys) // cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(max(6.0, 3.6 * cols), 2.9 * nrows + 0.9),
                             squeeze=False)
    for ax, key in zip(axes.flat, keys):
        data = f["design"][key]
        if data.dtype.kind in "fiu":
            ax.hist(data[()].astype(float), bins=min(20, max(5, drawn["points"] // 2)),
                    color="C0", alpha=0.8)
            ax.xaxis.set_major_locator(MaxNLocator(5))
            ax.ticklabel_format(axis="x", style="sci", scilimits=(-3, 5))
        else:
            drawn_values = np.array(data.asstr()[()], dtype=object)
            labels = ordered_levels(drawn_values)
            counts = [int(np.sum(drawn_values == v)) for v in labels]
            ax.bar(np.arange(len(labels)), counts, color="C2", alpha=0.8)
            ax.set_xticks(np.arange(len(labels)))
            ax.set_xticklabels(labels, fontsize="small", rotation=30 if len(labels) > 4 else 0)
        ax.set_title(key, fontsize="small")
        ax.set_ylabel("points", fontsize="small")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelsize="x-small")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(keys):]:
        ax.remove()
    fig.suptitle(f"{title}\nthe value of each uncertain key at each input point",
                 fontsize="medium")
    fig.tight_layout()
    return save(fig, out, "inputs.png", title,
                f"{title}: the value of each uncertain key at each input point.")


def drawn_figures(f, dates, out, drawn, fans, money):
    """A file of drawn inputs: fans pooling every run, money, the variance split (and its CSV) and
    the drawn inputs; no per-point sweep figures, since the points are draws, not settings.
    `fans`: (metric, title, units, target) of the chosen fans; `money`: whether to draw it."""
    rows = done_rows(f)
    if not rows.any():
        raise BadFile(f"{f.filename}: no finished runs to plot")
    figures = [drawn_fan_chart(f, dates, rows, metric, title, units, out, drawn, target)
               for metric, title, units, target in fans]
    if money:
        figures.append(money_areas(f, dates, rows, out,
                                   f"mean over every run of the {drawn['kind']} draws"))
    table = split_table(f, rows)
    write_split_csv(table, out)
    figures.append(variance_split_plot(table, out, drawn))
    figures.append(drawn_inputs_plot(f, out, drawn))
    return figures
