"""Reading a rotsim file for the figures: stored and derived metrics, dates, finished runs, design
values in their order of meaning, and the strength target. Every function takes an open h5py.File;
any damage it meets surfaces as an exception that the worker turns into one message."""
import datetime
import os
import re

import numpy as np

from .metrics import DERIVED

# Coordinate datasets that /timeseries and /summary (and a contingent's) may hold beside the
# metrics, so that xarray sees dimensions: never metrics (docs/hdf5-schema.md).
COORDINATES = frozenset(("run", "time", "date", "replication", "seed", "point"))

# The supervising process watches this descriptor: a line written to it is progress, so that a
# read that never returns (libhdf5 looping on a damaged file) can be told from a slow one.
_progress_fd = None


def watch_progress(fd):
    global _progress_fd
    _progress_fd = fd


_current_file = None


def progress():
    if _progress_fd is not None:
        try:
            os.write(_progress_fd, b"beat\n")
        except BrokenPipeError:  # the supervisor is gone: nobody waits for the figures
            os._exit(1)


def reading_file(path):
    """Says which file is being read, for the messages of a crash or a hang."""
    global _current_file
    _current_file = path
    if _progress_fd is not None:
        os.write(_progress_fd, b"file " + os.fsencode(path).replace(b"\n", b"?") + b"\n")


def current_file():
    return _current_file


def text(value):
    """An attribute or string value as str, whether h5py gives bytes or str; bytes that are not
    UTF-8 raise UnicodeDecodeError, which the worker reports as damage."""
    return value.decode() if isinstance(value, bytes) else str(value)


def stored_metrics(f, group):
    """The metrics a group stores, in the file's order, without its coordinate datasets."""
    return [name for name in f[group] if name not in COORDINATES]


class BadFile(Exception):
    """A file rotsim-plot cannot draw, with the message that says why."""


class Columns(dict):
    """The datasets of /summary or /timeseries as float arrays of the chosen rows, read when a
    formula first names them."""

    def __init__(self, f, group, rows, metric):
        super().__init__()
        self.f, self.group, self.rows, self.metric = f, group, rows, metric

    def __missing__(self, name):
        path = f"{self.group}/{name}"
        if path not in self.f:
            raise BadFile(f"{self.f.filename}: derived metric '{self.metric}' needs /{path}, "
                          "which the file does not store")
        progress()
        self[name] = self.f[path][()][self.rows].astype(float)
        return self[name]


def derived(f, metric, kind, rows, base=""):
    """The derived metric's values in the chosen rows, as rotsim computes them, or None. `base`:
    "" for the totals, "contingents/NAME/" for a contingent's own datasets."""
    for name, k, _, formula in DERIVED:
        if (name, k) == (metric, kind):
            scope = {"np": np, "S": Columns(f, base + "summary", rows, metric),
                     "T": Columns(f, base + "timeseries", rows, metric), "t": f["time/tick"][()]}
            with np.errstate(invalid="ignore", divide="ignore"):
                return eval(formula, scope)  # noqa: S307 -- the formulas above, not input
    return None


def available(f, metric, kind, base=""):
    """Whether the file stores the metric or what its derived form needs."""
    group = base + ("summary" if kind == "summary" else "timeseries")
    if f"{group}/{metric}" in f:
        return True
    for name, k, _, formula in DERIVED:
        if (name, k) == (metric, kind):
            needed = re.findall(r'[ST]\["(\w+)"\]', formula)
            return all(f"{group}/{n}" in f for n in needed)
    return False


def values_of(f, metric, kind, rows, base=""):
    """A stored or derived metric in the chosen rows, as floats."""
    group = base + ("summary" if kind == "summary" else "timeseries")
    progress()
    if f"{group}/{metric}" in f:
        return f[f"{group}/{metric}"][()][rows].astype(float)
    values = derived(f, metric, kind, rows, base)
    if values is None:
        raise BadFile(f"{f.filename}: no /{group}/{metric}")
    return values


def units_of(f, metric, kind):
    group = "summary" if kind == "summary" else "timeseries"
    if f"{group}/{metric}" in f:
        return str(f[f"{group}/{metric}"].attrs.get("units", ""))
    return next((u for name, k, u, _ in DERIVED if (name, k) == (metric, kind)), "")


def need(f, path):
    if path not in f:
        raise BadFile(f"{f.filename}: no {path}; is this a rotsim run file?")
    return f[path]


def dates_of(f):
    if "time/date" in f:
        return np.array(f["time/date"].asstr()[()], dtype="datetime64[D]")
    start = np.datetime64(str(f.attrs["start_date"]), "D")
    return start + np.arange(int(f.attrs["ticks"]))


def finished_rows(f):
    # Rows of an interrupted run that never ran hold -1 in /runs/replication.
    return need(f, "runs/replication")[()] >= 0


def reduced(f, metric, statistics):
    """Per-tick statistics stored by `rotsim summarize --reduce`, as (groups, statistic, tick), or
    None when the file has none: large files are then plotted without reading every run."""
    if "reduced/" + metric not in f:
        return None
    names = [str(n) for n in f["reduced"].attrs["statistics"]]
    if not all(s in names for s in statistics):
        return None
    return f["reduced/" + metric][()][:, [names.index(s) for s in statistics], :]


def contingents_of(f):
    """The contingents of a run file whose scenario has [contingent.NAME] sections, in the file's
    order, as (name, hazard multiplier); [] for any other file (sweeps store the totals only)."""
    if "contingents" not in f:
        return []
    names = [text(n) for n in f["contingents"].attrs["names"]]
    return [(n, float(f[f"contingents/{n}"].attrs.get("hazard_multiplier", np.nan))) for n in names]


def drawn_design(f):
    """For a file of drawn inputs (`rotsim run --input-draws`, /design kind prior or posterior):
    its kind, points and replications per point; None for any other file."""
    if "design" not in f or "runs/point" not in f:
        return None
    kind = text(f["design"].attrs.get("kind", ""))
    if kind not in ("prior", "posterior"):
        return None
    return {"kind": kind, "points": int(f["design"].attrs["points"]),
            "replications": int(f["design"].attrs["replications"])}


def done_rows(f):
    """Finished runs as rotsim summarize counts them: /runs/status done where the file has it."""
    rows = finished_rows(f)
    if "runs/status" in f:
        rows = rows & (f["runs/status"][()] == 1)
    return rows


def summary_metrics(f):
    """The summary metrics as rotsim summarize lists them: stored ones, then the derived ones."""
    stored = stored_metrics(f, "summary")
    return stored + [n for n, k, _, _ in DERIVED
                     if k == "summary" and n not in stored and available(f, n, k)]


def design_values(f, key):
    """A design key's value at each point: floats, or str for text values (durations, schedules,
    choices), which h5py gives as bytes."""
    data = f["design"][key]
    if data.dtype.kind in "fiu":
        return data[()].astype(float)
    return np.array(data.asstr()[()], dtype=object)


_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def meaning_key(value):
    """Sorts text values by what they say: the numbers in them in order (a range by its low end,
    then its high end; a schedule by its knots), dates as dates, then the text itself; so that
    "60..90" comes before "170..190" and "2025-02-01" before "2025-10-01"."""
    numbers = []
    for token in _TOKEN.findall(value):
        if len(token) == 10 and token[4] == "-":
            try:
                numbers.append(datetime.date.fromisoformat(token).toordinal())
                continue
            except ValueError:
                pass
        numbers.append(float(token) if "-" not in token[1:] else float("nan"))
    return (tuple(n for n in numbers if n == n), value)


def ordered_levels(values):
    """The distinct values of a design key, numbers by value and text by meaning_key."""
    if values.dtype.kind == "f":
        return np.unique(values[np.isfinite(values)])
    return np.array(sorted(set(values), key=meaning_key), dtype=object)


def _scenario_setting(scenario, section, key):
    """The value of `key` in `[section]` of a scenario's text, without an inline comment; None."""
    current = None
    for line in scenario.splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == section and "=" in line:
            name, _, value = line.partition("=")
            if name.strip() == key:
                return value.strip()
    return None


def _schedule_from_text(value, start, days):
    """A schedule `d1:v1, d2:v2, ...` (a knot's day as a number or a date counted from the start
    date), piecewise linear and held flat beyond its ends (docs/model.md 3.3.1), on the days."""
    knots = []
    for part in value.split(","):
        day, _, v = part.strip().rpartition(":")
        day = day.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            knot = (np.datetime64(day, "D") - start).astype(int)
        else:
            knot = int(day)
        knots.append((knot, float(v)))
    knots.sort()
    x, y = zip(*knots)
    return np.interp(days, x, y)


def dispatches_by_schedule(scenario, contingent=None):
    """Whether the force (or a contingent, which may set its own) sends a fixed number a day:
    its stored target_strength then drives no dispatch and is no target to draw."""
    own = (_scenario_setting(scenario, f"contingent.{contingent}", "dispatch")
           if contingent else None)
    return (own or _scenario_setting(scenario, "strength", "dispatch")) == "schedule"


def strength_target(f, dates, rows):
    """The strength target on each day as (values, where it was read), or None where the runs
    have no single target: dispatch by schedule, or a sweep or draws that vary it. Read from
    /timeseries/target_strength where the file stores it, else from the scenario's text."""
    scenario = text(f.attrs.get("scenario", ""))
    if dispatches_by_schedule(scenario):
        return None
    if "timeseries/target_strength" in f:
        progress()
        target = f["timeseries/target_strength"][()][rows].astype(float)
        if target.size == 0 or not (target == target[0]).all():
            return None
        return target[0], "target_strength stored in the file"
    if "design" in f and any("target_strength" in text(k) for k in f["design"].attrs["keys"]):
        return None
    value = _scenario_setting(scenario, "strength", "target_strength")
    if not value:
        return None
    start = np.datetime64(text(f.attrs.get("start_date", dates[0])), "D")
    try:
        return (_schedule_from_text(value, start, (dates - start).astype(int)),
                "target_strength in the scenario's text")
    except (ValueError, IndexError):
        return None
