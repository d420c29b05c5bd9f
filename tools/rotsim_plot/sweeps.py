"""A sweep's summary metrics against each swept key."""
import warnings

import numpy as np

from .drawing import plt, save
from .figures import NOISE
from .reading import design_values, meaning_key, ordered_levels, text, units_of, values_of

# More settings of the other keys than this are pooled into one band, said so in its label.
MAX_SETTINGS = 6


def value_words(v):
    return f"{v:g}" if isinstance(v, float) else str(v)


def settings_of_others(f, key, keys):
    """Each point's settings of the keys other than `key`, as a label; one label for all points
    when the sweep has one key."""
    others = [k for k in keys if k != key]
    columns = [design_values(f, k) for k in others]
    n_points = design_values(f, key).shape[0]
    return np.array([", ".join(f"{k}={value_words(c[p])}" for k, c in zip(others, columns))
                     for p in range(n_points)], dtype=object)


def quantiles_at(y, x, levels):
    """5, 50 and 95 % of the finite values at each level of x (NaN where it has none)."""
    out = np.full((3, len(levels)), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for i, v in enumerate(levels):
            ys = y[(x == v) & np.isfinite(y)]
            if ys.size:
                out[:, i] = np.quantile(ys, [0.05, 0.5, 0.95])
    return out


def sweep_figure(f, metric, key, keys, x_of_run, y, point, out):
    """One summary metric against one key: a median line and a 90 % band of runs per setting of
    the other keys (or pooled over them, saying so, when they have many settings)."""
    levels = ordered_levels(x_of_run)
    numeric = x_of_run.dtype.kind == "f"
    positions = levels.astype(float) if numeric else np.arange(len(levels), dtype=float)
    settings = settings_of_others(f, key, keys)[point]
    groups = sorted(set(settings), key=meaning_key)
    title = f"{metric} against {key}"
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    if len(groups) == 1 or len(groups) > MAX_SETTINGS:
        q = quantiles_at(y, x_of_run, levels)
        if len(groups) == 1:
            band = f"90 % of runs: {NOISE}"
            shows = f"the median and 90 % of the runs at each value of {key}: {NOISE}"
        else:
            band = (f"90 % of runs pooled over {len(groups)} settings of the other keys: "
                    f"{NOISE} + those keys")
            shows = (f"the median and 90 % of the runs at each value of {key}, pooled over the "
                     f"{len(groups)} settings of the other keys (so the band holds both)")
        ax.fill_between(positions, q[0], q[2], alpha=0.3, label=band)
        ax.plot(positions, q[1], marker="o", label="median")
    else:
        for i, g in enumerate(groups):
            mine = settings == g
            q = quantiles_at(y[mine], x_of_run[mine], levels)
            ax.fill_between(positions, q[0], q[2], alpha=0.15, color=f"C{i}", lw=0)
            ax.plot(positions, q[1], marker="o", color=f"C{i}", label=f"median at {g}")
        ax.fill_between([], [], [], color="0.5", alpha=0.3,
                        label=f"shaded: 90 % of runs at one setting ({NOISE})")
        shows = (f"a line for each setting of the other keys (labelled), its median and 90 % of "
                 f"its runs at each value of {key}: {NOISE}")
    if not numeric:
        ax.set_xticks(positions)
        ax.set_xticklabels(levels, rotation=30 if len(levels) > 4 else 0, fontsize="small")
    ax.set_title(title)
    ax.set_xlabel(key + ("" if numeric else " (sorted by value)"))
    ax.set_ylabel(units_of(f, metric, "summary"))
    ax.grid(alpha=0.3)
    entries = len(ax.get_legend_handles_labels()[1])
    fig.set_size_inches(6.4, 3.9 + 0.2 * entries)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16 - 0.1 * (not numeric)),
              fontsize="small", frameon=False)
    fig.tight_layout()
    order = ", ".join(value_words(v) for v in levels)
    return save(fig, out, f"sweep_{metric}_vs_{key.replace('.', '_')}.png", title,
                f"{title}: {shows}. {key} in order: {order}.")


def sweep_plots(f, rows, out, metrics):
    """Each chosen summary metric against each swept key."""
    keys = [text(k) for k in f["design"].attrs["keys"]]
    point = f["runs/point"][()][rows]
    figures = []
    for key in keys:
        x_of_run = design_values(f, key)[point]
        for metric in metrics:
            y = values_of(f, metric, "summary", rows)
            figures.append(sweep_figure(f, metric, key, keys, x_of_run, y, point, out))
    return figures
