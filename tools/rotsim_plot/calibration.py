"""A calibration file: its prior and posterior predictive bands against the targets, what the
figures draw as CSV, and the page's note; calibration_points.py draws the points one by one."""
import html
import os
import warnings

import numpy as np

from .drawing import date_axis, plt, save
from .reading import available, done_rows, text, units_of, values_of


def weighted_quantile(values, weights, qs):
    """The weighted quantiles of sequential ABC, as weighted_quantile in engine/analysis/abc_smc.cpp
    computes them (the same arithmetic as its loop, vectorised, so that the figures draw the
    numbers rotsim calibrate prints to the last bit): values that are NaN or weigh 0 are left out, the rest sorted (stably) and placed at
    the midpoints of their cumulative weights (normalised by their sum), joined linearly, held
    flat beyond the ends. That is numpy.interp(q, np.cumsum(w) - w / 2, x), x sorted and w
    normalised; for equal weights, Hyndman and Fan's type 5 (not numpy's default, type 7)."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    keep = ~np.isnan(values) & (weights > 0)
    if not keep.any():
        return np.full(len(qs), np.nan)
    v, w = values[keep], weights[keep]
    total = np.cumsum(w)[-1]  # summed in index order, as the engine's loop
    order = np.argsort(v, kind="stable")
    v, w = v[order], w[order] / total
    below = np.concatenate(([0.0], np.cumsum(w)[:-1]))  # the running sum before each value
    at = below + w / 2
    out = []
    for q in qs:
        k = int(np.searchsorted(at, q, side="left"))  # the first k with q <= at[k]
        if k == 0:
            out.append(v[0])
        elif k == v.size:
            out.append(v[-1])
        else:
            out.append(v[k - 1] + (v[k] - v[k - 1]) * (q - at[k - 1]) / (at[k] - at[k - 1]))
    return np.array(out, dtype=float)


def run_quantiles(values, weights, qs):
    """Quantiles of the runs (rows; columns are days) as rotsim calibrate computes its fit table:
    weights None means runs weighed alike and type 7 (rejection's numpy.quantile); otherwise the
    weighted quantiles of sequential ABC, day by day."""
    values = np.asarray(values, dtype=float)
    if weights is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a day with no value: NaN
            return np.nanquantile(values, qs, axis=0)
    if values.ndim == 1:
        return weighted_quantile(values, weights, qs)
    return np.array([weighted_quantile(c, weights, qs) for c in values.T]).T


def calibration_design(f, done):
    """What a calibration file's posterior and prior are: the method, each point's posterior weight
    (0 outside the posterior), the points of the prior sample and how the runs weigh in each."""
    cal = f["calibration"]
    method = text(cal.attrs.get("algorithm", "rejection"))
    accepted = cal["accepted"][()].astype(bool)
    points = f["runs/point"][()]
    n_points = accepted.size
    if "weight" in cal:
        weight = cal["weight"][()].astype(float)
    else:  # written before the weights were stored: the accepted points, weighed alike
        weight = accepted / max(1, accepted.sum())
    if "generation" in cal:
        generation = cal["generation"][()]
    else:
        generation = np.zeros(n_points, dtype=int)
    in_posterior = weight > 0
    smc = method == "smc"
    # Sequential ABC: only generation 0 (a Latin hypercube over the ranges) samples the prior;
    # later generations propose near the posterior. Rejection: every point samples the prior.
    prior = generation == 0 if smc else np.ones(n_points, dtype=bool)
    finished = np.bincount(points[done], minlength=n_points).astype(float)
    if smc:
        post_generation = int(generation[in_posterior].max()) if in_posterior.any() else 0
        posterior_words = f"weighted particles of generation {post_generation}"
        # Each run weighs its particle's weight shared among the particle's finished runs, as the
        # engine's fit band (engine/analysis/abc_smc.cpp, smc_calibration).
        share = np.divide(weight, finished, out=np.zeros(n_points), where=finished > 0)
        post_runs = np.where(done, share[points], 0.0)
        prior_share = np.divide(prior.astype(float), finished, out=np.zeros(n_points),
                                where=finished > 0)
        prior_runs = np.where(done, prior_share[points], 0.0)
        prior_words = f"generation 0: {int(prior.sum())} points"
    else:
        posterior_words = "accepted points, rejection"
        post_runs = prior_runs = None  # equal runs, type 7, as the engine's rejection fit table
        prior_words = f"all {n_points} points"
    return {"method": method, "smc": smc, "weight": weight, "in_posterior": in_posterior,
            "prior": prior, "points": points, "done": done, "post_runs": post_runs,
            "prior_runs": prior_runs, "posterior_words": posterior_words,
            "prior_words": prior_words, "particles": int(in_posterior.sum())}


def band_rows(d, which):
    """The runs of a band and their weights (None: equal, type 7)."""
    if which == "posterior":
        rows = d["done"] & d["in_posterior"][d["points"]]
        runs = d["post_runs"]
    else:
        rows = d["done"] & d["prior"][d["points"]]
        runs = d["prior_runs"]
    return rows, (None if runs is None else runs[rows])


def calibration_fit_figure(f, dates, d, metric, fit_rows, out):
    """One target metric: the prior and posterior predictive bands against the targets. Appends
    the posterior band at each target's day to fit_rows (the CSV beside the figures)."""
    cal = f["calibration"]
    target_metric = cal["targets/metric"].asstr()[()]
    target_date = np.array(cal["targets/date"].asstr()[()], dtype="datetime64[D]")
    value, sd = cal["targets/value"][()], cal["targets/uncertainty"][()]
    line = cal["targets/line"][()] if "targets/line" in cal else np.arange(value.size)
    mine = target_metric == metric
    title = f"Calibration: {metric}"
    post_label = f"the posterior ({d['posterior_words']})"
    prior_label = f"the prior sample ({d['prior_words']})"
    post_rows, post_w = band_rows(d, "posterior")
    prior_rows, prior_w = band_rows(d, "prior")
    fig, ax = plt.subplots(figsize=(8, 4.8))
    # A metric that is a series is calibrated on its days, as rotsim calibrate reads it.
    series_target = available(f, metric, "series")
    if series_target:
        series = values_of(f, metric, "series", slice(None))
        if prior_rows.any():
            p = run_quantiles(series[prior_rows], prior_w, [0.05, 0.95])
            ax.fill_between(dates, p[0], p[1], alpha=0.12, color="C7",
                            label=f"prior predictive: 90 % of the runs of {prior_label}"
                                  ": input uncertainty + run-to-run noise")
        at = {day: i for i, day in enumerate(dates)}
        q = np.full((3, len(dates)), np.nan)
        if post_rows.any():
            q = run_quantiles(series[post_rows], post_w, [0.05, 0.5, 0.95])
            ax.fill_between(dates, q[0], q[2], alpha=0.3, color="C0",
                            label=f"posterior predictive: 90 % of the runs of {post_label}"
                                  ": input uncertainty + run-to-run noise")
            ax.plot(dates, q[1], color="C0", label="posterior predictive median")
        for t in np.flatnonzero(mine):
            i = at.get(target_date[t])
            band = q[:, i] if i is not None else [np.nan] * 3
            fit_rows.append((int(line[t]), metric, str(target_date[t]), *band))
        ax.errorbar(target_date[mine], value[mine], yerr=sd[mine], fmt="o", color="C3",
                    capsize=4, label="target ± uncertainty")
        ax.legend(loc="upper left", fontsize="small")
        date_axis(ax)
    else:
        # A summary is one number at the horizon: prior, posterior and target side by side.
        y = values_of(f, metric, "summary", slice(None))
        band = [np.nan] * 3
        for x, rows, w, colour in ((0, prior_rows, prior_w, "C7"), (1, post_rows, post_w, "C0")):
            if rows.any() and np.isfinite(y[rows]).any():
                q = run_quantiles(y[rows], w, [0.05, 0.5, 0.95])
                if x == 1:
                    band = q
                ax.errorbar([x], [q[1]], yerr=[[q[1] - q[0]], [q[2] - q[1]]], fmt="s",
                            color=colour, capsize=6)
        for t in np.flatnonzero(mine):
            fit_rows.append((int(line[t]), metric, str(target_date[t]), *band))
        ax.errorbar([2], value[mine], yerr=sd[mine], fmt="o", color="C3", capsize=6)
        ax.set_xticks([0, 1, 2])
        ax.set_xticklabels([f"prior predictive:\n{d['prior_words']}\nmedian, 90 % of runs",
                            "posterior predictive:\n"
                            + d["posterior_words"].replace(" of generation", "\nof generation")
                            + "\nmedian, 90 % of runs", "target\n± uncertainty"],
                           fontsize="small")
        ax.set_xlim(-0.5, 2.5)
        ax.grid(alpha=0.3)
    ax.set_title(title)
    ax.set_ylabel(units_of(f, metric, "series" if series_target else "summary"))
    fig.tight_layout()
    return save(fig, out, f"calibration_{metric}.png", title,
                f"{title}: the prior predictive ({prior_label}) and the posterior predictive "
                f"({post_label}) apart, against the targets and their uncertainty.")


def calibration_fan(f, dates, metric, title, units, out, target=None):
    """A fan chart of a calibration file: the prior predictive and the posterior predictive apart
    (pooling every point would mix them), each band holding input uncertainty and run-to-run
    noise together."""
    d = calibration_design(f, done_rows(f))
    series = values_of(f, metric, "series", slice(None))
    fig, ax = plt.subplots(figsize=(8, 5))
    both = "input uncertainty + run-to-run noise"
    for which, colour, alpha, words in (("prior", "C7", 0.2, d["prior_words"]),
                                        ("posterior", "C0", 0.35, d["posterior_words"])):
        rows, weights = band_rows(d, which)
        if not rows.any():
            continue
        q = run_quantiles(series[rows], weights, [0.05, 0.5, 0.95])
        ax.fill_between(dates, q[0], q[2], alpha=alpha, color=colour, lw=0,
                        label=f"{which} predictive ({words}): 90 % of runs, {both}")
        ax.plot(dates, q[1], color=colour, label=f"{which} predictive median")
    if target is not None:
        ax.plot(dates, target[0], color="k", ls="--", lw=1.2,
                label=f"target strength ({target[1]})")
    ax.set_title(title)
    ax.set_ylabel(units)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize="small", frameon=False)
    date_axis(ax)
    fig.tight_layout()
    return save(fig, out, f"fan_{metric}.png", title,
                f"{title}: the prior predictive ({d['prior_words']}, grey) and the posterior "
                f"predictive ({d['posterior_words']}, blue) apart, each band holding {both}.")


def write_calibration_csvs(out, posterior_rows, fit_rows):
    """What the calibration figures draw, printed exactly (repr), so that a test can compare it
    with /calibration/posterior and /calibration/targets/simulated_*."""
    with open(os.path.join(out, "posterior_quantiles.csv"), "w", encoding="utf-8") as csv_file:
        csv_file.write("key,q05,q50,q95\n")
        for key, q in posterior_rows:
            csv_file.write(",".join([key] + [repr(float(x)) for x in q]) + "\n")
    with open(os.path.join(out, "calibration_fit.csv"), "w", encoding="utf-8") as csv_file:
        csv_file.write("line,metric,date,q05,median,q95\n")
        for line, metric, date, *q in sorted(fit_rows):
            csv_file.write(",".join([str(line), metric, date] + [repr(float(x)) for x in q])
                           + "\n")


def calibration_note(f):
    """For a calibration file, what its figures show: the fans the prior and posterior predictive
    apart; the money chart every run of every point, which for sequential ABC mixes its
    generations."""
    if "calibration" not in f:
        return ""
    d = calibration_design(f, done_rows(f))
    if d["smc"]:
        pooled = ("every run of every generation's proposals: neither the prior (generation 0) nor "
                  "the posterior, since later generations cluster near the posterior")
    else:
        pooled = "every run of every point: the prior predictive"
    return (f"\n<p>A calibration ({html.escape(d['method'])}). The <code>Calibration:</code> and "
            "<code>Posterior:</code> figures separate the prior sample "
            f"({html.escape(d['prior_words'])}) from the posterior "
            f"({d['particles']} {html.escape(d['posterior_words'])}); their quantiles are in "
            '<a href="posterior_quantiles.csv">posterior_quantiles.csv</a> and '
            '<a href="calibration_fit.csv">calibration_fit.csv</a>. The fan charts show the prior '
            f"and posterior predictive apart; the money chart pools {pooled}. The figures of a metric against a key mark each point apart, the "
            "posterior's in blue.</p>")
