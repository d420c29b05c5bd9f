"""A calibration's points one by one: each summary metric against each calibrated key, each key's
posterior against its prior sample, and sequential ABC's generations."""
import warnings

import matplotlib.lines
import matplotlib.patches
import numpy as np

from .calibration import (calibration_design, calibration_fit_figure, weighted_quantile,
                          write_calibration_csvs)
from .drawing import plt, save
from .reading import done_rows, text, units_of, values_of


def calibration_sweep_plots(f, out, metrics):
    """A calibration's points are draws (a Latin hypercube, or sequential ABC's proposals), not a
    grid: each summary metric against each calibrated key as one mark a point (the median of its
    runs, a bar over 90 % of them), the posterior's points apart from the others. The titles and
    file names are a sweep's."""
    d = calibration_design(f, done_rows(f))
    points, done = d["points"], d["done"]
    n_points = d["weight"].size
    others = ("other points: proposals of every generation" if d["smc"]
              else "other points (not accepted)")
    y = np.column_stack([values_of(f, m, "summary", slice(None)) for m in metrics])
    y[~np.isfinite(y)] = np.nan
    # Per point and metric, type 7 over its finished runs (NaN left out): [quantile, point, metric]
    quantiles = np.full((3, n_points, len(metrics)), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a metric with no value at a point
        for p in np.unique(points[done]):
            quantiles[:, p, :] = np.nanquantile(y[done & (points == p)], [0.05, 0.5, 0.95],
                                                axis=0)
    figures = []
    noise = "run-to-run noise at that point's inputs"
    for m, metric in enumerate(metrics):
        q = quantiles[:, :, m]
        for key in (text(k) for k in f["design"].attrs["keys"]):
            x = f["design"][key][()].astype(float)
            title = f"{metric} against {key}"
            fig, ax = plt.subplots(figsize=(6, 4.2))
            for group, colour, label, size in ((~d["in_posterior"], "0.6", others, 10),
                                               (d["in_posterior"],  "C0",
                                                f"posterior ({d['posterior_words']})", 16)):
                g = group & np.isfinite(q[1])
                if not g.any():
                    continue
                ax.vlines(x[g], q[0, g], q[2, g], color=colour, lw=0.8, alpha=0.6)
                ax.scatter(x[g], q[1, g], s=size, color=colour, label=label, zorder=2)
            ax.set_title(title)
            ax.set_xlabel(key)
            ax.set_ylabel(units_of(f, metric, "summary"))
            ax.grid(alpha=0.3)
            ax.legend(fontsize="small", title="a point: median, bar over 90 % of its runs (run-to-run noise)",
                      title_fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.15),
                      frameon=False)
            fig.subplots_adjust(left=0.15, right=0.96, top=0.92, bottom=0.31)  # no tight_layout:
            # it would take a third of the time of the many figures
            figures.append(save(fig, out, f"sweep_{metric}_vs_{key.replace('.', '_')}.png",
                                title, f"{title}: a mark a point (the median of its runs, a bar "
                                f"over 90 % of them: {noise}); the posterior's points in blue, "
                                "the others grey."))
    return figures


def posterior_figure(f, d, k, key, out):
    """One calibrated key: its posterior (weighted) against its prior sample; returns the figure
    and the posterior's 5, 50 and 95 % quantiles as drawn."""
    posterior = f["calibration/posterior"]
    lo, hi = posterior["prior_lo"][k], posterior["prior_hi"][k]
    values = f["design"][key][()].astype(float)
    weight, post = d["weight"], d["in_posterior"]
    if d["smc"]:
        q = list(weighted_quantile(values[post], weight[post], [0.05, 0.5, 0.95]))
    else:  # rejection's posterior table: type 7 over the accepted points
        q = [float(np.quantile(values[post], p)) if post.any() else float("nan")
             for p in (0.05, 0.5, 0.95)]
    bins = np.linspace(lo, hi, 21)
    title = f"Posterior: {key}"
    fig, ax = plt.subplots(figsize=(6.4, 5.6))
    if post.any():
        ax.hist(values[post], bins=bins, weights=weight[post], density=True, alpha=0.6,
                color="C0", label=f"posterior ({d['posterior_words']}): {d['particles']}")
        ax.axvline(q[1], color="C3", label="posterior median")
        ax.axvline(q[0], color="C3", ls="--", lw=1, label="posterior 5 % and 95 %")
        ax.axvline(q[2], color="C3", ls="--", lw=1)
    # The prior sample as an outline over the posterior, so that neither hides the other.
    ax.hist(values[d["prior"]], bins=bins, density=True, histtype="step", lw=1.5, color="0.35",
            label=f"prior sample ({d['prior_words']})")
    ax.set_title(title)
    ax.set_xlabel(key)
    ax.set_ylabel("density")
    ax.set_xlim(lo, hi)
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=1,
              frameon=False)
    fig.tight_layout()
    note = (f"{title}: the posterior ({d['posterior_words']}) as a histogram with its median and "
            f"5 and 95 % lines, over the outline of the prior sample ({d['prior_words']}).")
    return save(fig, out, f"posterior_{key.replace('.', '_')}.png", title, note), q


def generations_figure(f, out):
    """Sequential ABC's generations: the tolerance each had to reach and its effective sample
    size; None unless the file has more than one generation. An incomplete generation (cut short
    by --max-runs or a low acceptance) is grey and is not the posterior."""
    cal = f["calibration"]
    if "generations/tolerance" not in cal or cal["generations/tolerance"].shape[0] < 2:
        return None
    tol = cal["generations/tolerance"][()]
    ess = cal["generations/ess"][()]
    kept = cal["generations/accepted"][()]
    complete = (cal["generations/complete"][()].astype(bool) if "generations/complete" in cal
                else np.ones(tol.size, dtype=bool))
    g = np.arange(tol.size)
    title = "Sequential ABC: tolerance and effective sample size per generation"
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 5.6), sharex=True)
    finite = np.isfinite(tol)
    top.plot(g[finite], tol[finite], color="C0", zorder=1)
    top.scatter(g[finite & complete], tol[finite & complete], color="C0", zorder=2)
    top.scatter(g[finite & ~complete], tol[finite & ~complete], facecolor="white",
                edgecolor="0.45", zorder=2)
    for x in g[~finite]:
        top.annotate("prior:\nno tolerance", (x, 0.5), xycoords=("data", "axes fraction"),
                     ha="center", va="center", fontsize="small", color="0.3")
    final = int(np.flatnonzero(complete)[-1]) if complete.any() else tol.size - 1
    if np.isfinite(tol[final]):
        top.annotate(f"posterior: {tol[final]:.4g}", (final, tol[final]),
                     xytext=(6, 6), textcoords="offset points", ha="left",
                     fontsize="small", color="C3")
    top.set_ylabel("tolerance (RMS z-score)")
    top.set_ylim(0, np.nanmax(np.where(finite, tol, np.nan)) * 1.2 if finite.any() else 1)
    top.grid(alpha=0.3)
    bars = bottom.bar(g, ess, color=np.where(complete, "C0", "C7"), alpha=0.8)
    bottom.bar_label(bars, labels=[f"{e:.3g}" if c and e > 0 else "" for e, c in
                                   zip(ess, complete)],
                     label_type="center", fontsize="small", color="white")
    top_of_axis = max(1.0, float(np.nanmax(kept))) * 1.45
    for x in g[~complete]:
        bottom.text(x, 0.04 * top_of_axis, f"incomplete:\n{int(kept[x])} kept", ha="center",
                    va="bottom", fontsize="small", color="0.3")
    bottom.plot(g, kept, "k_", ms=18, mew=2)
    handles = [matplotlib.patches.Patch(color="C0", alpha=0.8, label="effective sample size (ESS)"),
               matplotlib.lines.Line2D([], [], color="k", marker="_", ls="", ms=18, mew=2,
                                       label="particles kept")]
    if not complete.all():
        handles.append(matplotlib.patches.Patch(color="C7", alpha=0.8,
                                                label="incomplete generation (not the posterior)"))
    bottom.set_ylabel("particles")
    bottom.set_xlabel("generation")
    bottom.set_xticks(g)
    bottom.set_ylim(0, top_of_axis)
    bottom.grid(alpha=0.3, axis="y")
    bottom.legend(handles=handles, fontsize="small", loc="upper center", ncol=2, frameon=False)
    top.set_title(title, fontsize="medium")
    fig.tight_layout()
    return save(fig, out, "generations.png", title,
                f"{title}: the tolerance each generation reached and its effective sample size; "
                "grey: a generation cut short, not the posterior.")


def calibration_plots(f, dates, out):
    """A calibration file: the prior and posterior predictive bands against each target metric,
    the posterior of each calibrated key against its prior sample (weighted particles for
    sequential ABC, accepted points for rejection), and for sequential ABC its generations."""
    if "calibration" not in f:
        return []
    cal = f["calibration"]
    d = calibration_design(f, done_rows(f))
    metrics = list(dict.fromkeys(cal["targets/metric"].asstr()[()]))
    figures, fit_rows, posterior_rows = [], [], []
    for metric in metrics:
        figures.append(calibration_fit_figure(f, dates, d, metric, fit_rows, out))
    for k, key in enumerate(cal["posterior/key"].asstr()[()]):
        figure, q = posterior_figure(f, d, k, key, out)
        figures.append(figure)
        posterior_rows.append((key, q))
    if d["smc"]:
        figure = generations_figure(f, out)
        if figure is not None:
            figures.append(figure)
    write_calibration_csvs(out, posterior_rows, fit_rows)
    return figures
