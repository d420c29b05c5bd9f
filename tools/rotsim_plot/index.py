"""index.html: every figure with its title and a note saying what it shows, what the file holds,
and the scenario."""
import html
import os

import numpy as np

from .calibration import calibration_note
from .contingents import NOISE_BAND, contingent_label
from .drawn import band_words
from .reading import contingents_of, finished_rows, text

STYLE = """<style>body{font-family:sans-serif;max-width:70em;margin:auto}img{max-width:100%}
figure{display:inline-block;width:48%;margin:0.5%;vertical-align:top}
figcaption p{font-size:90%;color:#333}pre{background:#f4f4f4;padding:1em}</style>"""


def figure_items(figures):
    """Each figure with its title and, below it, the note saying what it shows."""
    return "\n".join(
        f'<figure><img src="{html.escape(name)}" alt="{html.escape(title)}">'
        f"<figcaption><b>{html.escape(title)}</b><p class=\"note\">{html.escape(note)}</p>"
        "</figcaption></figure>"
        for name, title, note in figures)


def write_page(out, heading, body):
    page = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>rotsim: {html.escape(heading)}</title>
{STYLE}
</head><body>
<h1>{html.escape(heading)}</h1>
{body}
</body></html>
"""
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as page_file:
        page_file.write(page)


def contingent_note(f):
    """For a run file of contingents: what the figures by contingent show."""
    contingents = contingents_of(f)
    if not contingents:
        return ""
    names = ", ".join(html.escape(contingent_label(c, h)) for c, h in contingents)
    return (f"\n<p>{len(contingents)} contingents: {names}. The other figures show the totals; "
            "the figures <i>by contingent</i> split them, each contingent's band holding "
            f"{NOISE_BAND} of that contingent.</p>")


def write_index(f, out, figures, drawn=None):
    scenario = html.escape(text(f.attrs.get("scenario", "")))
    drawn_note = ""
    if drawn is not None:
        source = ("the scenario's [uncertainty] priors" if drawn["kind"] == "prior"
                  else "a calibration's posterior")
        drawn_note = (
            f"\n<p>{drawn['points']} input points drawn from {html.escape(source)}, "
            f"{drawn['replications']} replication{'s' if drawn['replications'] > 1 else ''} each. "
            "Every band pools all runs, so it holds "
            f"{html.escape(band_words(drawn))} (the {drawn['kind']} predictive distribution)"
            + ("; the dashed lines are the 90 % band of the point means: input uncertainty "
               f"alone, noise averaged over {drawn['replications']} runs. "
               if drawn["replications"] > 1 else ". ")
            + 'The variance split is in <a href="variance_split.csv">variance_split.csv</a>.</p>')
    name = os.path.basename(f.filename)
    body = (f"<p>{int(np.sum(finished_rows(f)))} runs, seed {int(f.attrs.get('seed', 0))}, "
            f"rotsim {html.escape(text(f.attrs.get('engine_version', '')))}</p>"
            f"{drawn_note}{calibration_note(f)}{contingent_note(f)}\n"
            f"{figure_items(figures)}\n<h2>Scenario</h2>\n<pre>{scenario}</pre>")
    write_page(out, name, body)
