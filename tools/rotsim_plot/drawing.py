"""What every figure shares: matplotlib without a display, the date axis, and saving a figure with
its title, legend texts and note in the PNG's text chunks (so that tests and tools can read back
what a figure says it shows) and in the list that index.html is made from."""
import os

import matplotlib

matplotlib.use("Agg")  # no display on clusters
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from .reading import progress  # noqa: E402


def legend_texts(fig):
    """Every legend entry of the figure, its axes' legends and the figure's own, in order; a
    legend's title first."""
    legends = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
    texts = []
    for legend in legends:
        if legend is None:
            continue
        title = legend.get_title().get_text()
        if title:
            texts.append(title)
        texts += [t.get_text() for t in legend.get_texts()]
    return texts


def save(fig, out, name, title, note):
    """Writes the figure and returns (file name, title, note) for index.html. The PNG's text
    chunks: Title, Legend (one entry a line) and Description (the note)."""
    progress()
    metadata = {"Title": title, "Legend": "\n".join(legend_texts(fig)), "Description": note}
    fig.savefig(os.path.join(out, name), dpi=110, metadata=metadata)
    plt.close(fig)
    return name, title, note


def date_axis(ax):
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(alpha=0.3)
