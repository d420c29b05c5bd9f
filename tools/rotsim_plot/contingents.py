"""The figures of a run file whose scenario has contingents: strength, casualties and pay split by
contingent."""
import warnings

import matplotlib.patches
import numpy as np
from matplotlib.ticker import MaxNLocator

from .drawing import date_axis, plt, save
from .reading import available, contingents_of, dispatches_by_schedule, text, values_of

# What every band of the contingent figures holds: the runs of one file differ by their random
# streams only.
NOISE_BAND = "90 % of runs (run-to-run noise)"


def contingent_label(name, hazard):
    return f"{name} (hazard x{hazard:g})"


def contingent_target(f, name, rows):
    """A contingent's strength target on each day, where its runs share one; else None, as for a
    contingent that dispatches by schedule (its target_strength then drives nothing)."""
    base = f"contingents/{name}/"
    if (f"{base}timeseries/target_strength" not in f
            or dispatches_by_schedule(text(f.attrs.get("scenario", "")), name)):
        return None
    target = values_of(f, "target_strength", "series", rows, base)
    return target[0] if target.size and (target == target[0]).all() else None


def contingent_bands(f, dates, rows, contingents, panels, title, out, name):
    """One panel a metric (metric, panel title, units), one colour a contingent: its median and
    the 90 % band of its runs; the totals' median dashed where the panel is a head count."""
    panels = [p for p in panels if any(available(f, p[0], "series", f"contingents/{c}/")
                                       for c, _ in contingents)]
    if not panels:
        return None
    fig, axes = plt.subplots(len(panels), 1, figsize=(8, 2.6 + 2.6 * len(panels)), sharex=True,
                             squeeze=False)
    for ax, (metric, panel_title, units, with_total) in zip(axes[:, 0], panels):
        for i, (c, hazard) in enumerate(contingents):
            base = f"contingents/{c}/"
            if not available(f, metric, "series", base):
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # a day with no value: NaN
                q = np.nanquantile(values_of(f, metric, "series", rows, base), [0.05, 0.5, 0.95],
                                   axis=0)
            colour = f"C{i % 10}"
            ax.fill_between(dates, q[0], q[2], alpha=0.2, color=colour, lw=0)
            ax.plot(dates, q[1], color=colour, label=contingent_label(c, hazard))
            target = contingent_target(f, c, rows) if metric == "in_russia" else None
            if target is not None:
                ax.plot(dates, target, color=colour, ls=":", lw=1.3,
                        label="dotted: each contingent's target strength")
        if with_total and available(f, metric, "series"):
            total = np.nanmedian(values_of(f, metric, "series", rows), axis=0)
            ax.plot(dates, total, color="0.3", ls="--", lw=1, label="all contingents (median)")
        ax.set_title(panel_title, fontsize="medium")
        ax.set_ylabel(units)
        date_axis(ax)
    # Below the panels, where it hides no line; every panel's contingents and the total.
    handles, labels = {}, []
    for ax in axes[:, 0]:
        for h, label in zip(*ax.get_legend_handles_labels()):
            if label not in handles:
                handles[label] = h
                labels.append(label)
    handles = [handles[label] for label in labels]
    handles.append(matplotlib.patches.Patch(color="0.5", alpha=0.3))
    labels.append(f"shaded: {NOISE_BAND}")
    legend_rows = -(-len(labels) // 2)
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize="small", frameon=False)
    fig.suptitle(f"{title}\nline: median of {int(np.sum(rows))} runs; shaded: {NOISE_BAND}",
                 fontsize="medium")
    fig.tight_layout(rect=(0, 0.015 + 0.03 * legend_rows, 1, 1))
    return save(fig, out, name, f"{title} (median, {NOISE_BAND})",
                f"{title}: one colour a contingent, its median and {NOISE_BAND}; dashed: the "
                "median of the totals.")


def contingent_grid(f, dates, rows, contingents, panels, title, out, name):
    """Small multiples: a row a contingent, a column a metric (metric, column title, units), each
    panel on its own scale, so that a small contingent's few casualties show beside a large one's
    many: its median and the 90 % band of its runs."""
    panels = [p for p in panels if all(available(f, p[0], "series", f"contingents/{c}/")
                                       for c, _ in contingents)]
    if not panels:
        return None
    fig, axes = plt.subplots(len(contingents), len(panels), sharex=True, squeeze=False,
                             figsize=(4.6 * len(panels), 1.3 + 1.9 * len(contingents)))
    for j, (metric, column_title, units) in enumerate(panels):
        for i, (c, hazard) in enumerate(contingents):
            ax = axes[i, j]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # a day with no value: NaN
                q = np.nanquantile(values_of(f, metric, "series", rows, f"contingents/{c}/"),
                                   [0.05, 0.5, 0.95], axis=0)
            colour = f"C{i % 10}"
            ax.fill_between(dates, q[0], q[2], alpha=0.25, color=colour, lw=0)
            ax.plot(dates, q[1], color=colour)
            top = np.nanmax(q[2]) if np.isfinite(q[2]).any() else 0
            ax.set_ylim(0, max(1.0, top) * 1.08)
            ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
            last = q[1][np.isfinite(q[1])][-1] if np.isfinite(q[1]).any() else float("nan")
            ax.text(0.02, 0.9, f"{contingent_label(c, hazard)}: median {last:,.0f} at the horizon",
                    transform=ax.transAxes, va="top", fontsize="small", color=colour,
                    bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1})
            ax.tick_params(labelsize="small")
            date_axis(ax)
            if i == 0:
                ax.set_title(column_title, fontsize="medium")
            ax.set_ylabel(units, fontsize="small")
    fig.suptitle(f"{title}\neach panel on its own scale; line: median of {int(np.sum(rows))} "
                 f"runs, shaded: {NOISE_BAND}", fontsize="medium")
    fig.tight_layout()
    return save(fig, out, name, f"{title} (median, {NOISE_BAND})",
                f"{title}: a row a contingent, each panel on its own scale, so that a small "
                f"contingent's few casualties show; its median and {NOISE_BAND}.")


def contingent_money(f, dates, rows, contingents, out):
    """Pay accrued, one layer a contingent, mean over runs: the stack's top is the totals' mean."""
    if not all(available(f, "accrued_usd", "series", f"contingents/{c}/") for c, _ in contingents):
        return None
    title = "Pay accrued by contingent (mean over runs, cumulative)"
    fig, ax = plt.subplots(figsize=(8, 4.8))
    layers = [np.nanmean(values_of(f, "accrued_usd", "series", rows, f"contingents/{c}/"),
                         axis=0) / 1e6 for c, _ in contingents]
    ax.stackplot(dates, layers, labels=[contingent_label(c, h) for c, h in contingents],
                 colors=[f"C{i % 10}" for i in range(len(contingents))], alpha=0.8)
    ax.set_title(f"{title}\nthe stack's top is the mean total over {int(np.sum(rows))} runs "
                 "(no band: means only)", fontsize="medium")
    ax.set_ylabel("million USD")
    ax.legend(loc="upper left", fontsize="small")
    date_axis(ax)
    fig.tight_layout()
    return save(fig, out, "contingents_money.png", title,
                f"{title}: one layer a contingent; the top of the stack is the mean total; "
                "means only, no band.")


def contingent_figures(f, dates, rows, out):
    """A run file of contingents: strength, casualties and pay split by contingent."""
    contingents = contingents_of(f)
    if not contingents:
        return []
    figures = [
        contingent_bands(f, dates, rows, contingents, [
            ("in_russia", "In Russia (training, front and hospital)", "soldiers", True),
            ("n_deployed", "Deployed: at the front, or at work for a rear contingent (hazard x0)",
             "soldiers", True)],
            "Strength by contingent", out, "contingents_strength.png"),
        contingent_grid(f, dates, rows, contingents, [
            ("killed", "Killed (cumulative)", "soldiers"),
            ("casualties", "Casualties: KIA + wounded + captured (cumulative)", "events")],
            "Casualties by contingent", out, "contingents_casualties.png"),
        contingent_money(f, dates, rows, contingents, out),
    ]
    return [fig for fig in figures if fig is not None]
