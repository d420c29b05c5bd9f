"""The process that reads the files and draws, run by cli.py under watch: anything wrong with a
file ends here as one message naming it and exit status 2, never a traceback; a crash or a hang
inside libhdf5 is caught by cli.py instead."""
import json
import os
import signal
import sys

import h5py
import numpy as np

from . import reading
from .metrics import DEFAULT_SWEEP_METRICS, DERIVED_FANS, FANS, MONEY
from .reading import BadFile, available, strength_target, summary_metrics

# Fans whose figure also shows the strength target.
STRENGTH_FANS = ("in_russia",)


def open_file(path):
    """h5py.File, or BadFile saying in the user's words why it cannot be opened."""
    reading.reading_file(path)
    try:
        return h5py.File(path, "r")
    except (OSError, ValueError) as e:
        why = str(e)
        if "signature" in why:
            raise BadFile(f"{path}: not an HDF5 file, so not a file rotsim wrote") from None
        if "already open for write" in why or "consistency flags" in why:
            raise BadFile(f"{path}: the file was not closed: its writer was stopped before it "
                          "finished. If it is a sweep, `rotsim sweep ... --resume` with the same "
                          "arguments finishes it; a run file must be run again") from None
        if "lock" in why:
            raise BadFile(f"{path}: another program is writing the file; plot it when that has "
                          "finished") from None
        raise BadFile(f"{path}: damaged HDF5 file ({why.splitlines()[0] if why else 'unreadable'})"
                      ) from None


def series_names(f):
    """Every metric the file can draw over time: stored series, derived ones, /reduced ones."""
    names = reading.stored_metrics(f, "timeseries") if "timeseries" in f else []
    names += [n for n, k, _, _ in reading.DERIVED if k == "series" and available(f, n, k)]
    if "reduced" in f:
        names += [n for n in f["reduced"] if n != "runs" and n not in reading.COORDINATES]
    return list(dict.fromkeys(names))


def choose(f, requested, sweep):
    """The fans (metric, title, units), whether to draw money, and the summary metrics of the
    sweep figures: `--metrics` if given (a name the file lacks refused with the list it has), else
    the usual fans and, for a sweep, DEFAULT_SWEEP_METRICS."""
    series = series_names(f)
    summaries = summary_metrics(f) if "summary" in f else []
    money_names = [n for names, _ in MONEY for n in (names if isinstance(names, tuple) else (names,))]
    has_money = all(n in series for n in money_names)
    known = {m: (m, t, u) for m, t, u in FANS + DERIVED_FANS}
    if requested is None:
        fans = [known[m] for m in known if m in series]
        sweep_metrics = [m for m in DEFAULT_SWEEP_METRICS if m in summaries] if sweep else []
        return fans, has_money, sweep_metrics
    # A run file draws summary metrics nowhere: offering them would draw nothing.
    names = (series + [m for m in summaries if m not in series and sweep]
             + (["money"] if has_money else []))
    unknown = [m for m in requested if m not in names]
    if unknown:
        raise BadFile(f"{f.filename}: --metrics: no figure of "
                      f"{', '.join(repr(m) for m in unknown)} for this file; it can draw: "
                      f"{', '.join(names)}")
    fans = [known.get(m, (m, m, reading.units_of(f, m, "series"))) for m in requested
            if m in series]
    return fans, "money" in requested, [m for m in requested if m in summaries and sweep]


def plot_file(path, out, requested):
    """One file: its figures and index.html; returns how many figures."""
    with open_file(path) as f:
        # matplotlib only once the file opens: a file that is not HDF5 is refused at once.
        from .calibration import calibration_fan  # noqa: PLC0415
        from .calibration_points import calibration_plots, calibration_sweep_plots  # noqa
        from .contingents import contingent_figures  # noqa: PLC0415
        from .drawn import drawn_figures  # noqa: PLC0415
        from .figures import fan_chart, money_areas  # noqa: PLC0415
        from .index import write_index  # noqa: PLC0415
        from .sweeps import sweep_plots  # noqa: PLC0415
        rows = reading.finished_rows(f)
        if not rows.any():
            raise BadFile(f"{path}: no finished runs to plot")
        dates = reading.dates_of(f)
        drawn = reading.drawn_design(f)
        calibration = "calibration" in f
        sweep = "design" in f and "runs/point" in f and drawn is None
        fans, money, sweep_metrics = choose(f, requested, sweep)
        os.makedirs(out, exist_ok=True)
        target = strength_target(f, dates, rows)
        fans = [(m, t, u, target if m in STRENGTH_FANS else None) for m, t, u in fans]
        if drawn is not None:
            figures = drawn_figures(f, dates, out, drawn, fans, money)
        else:
            figures = []
            for metric, title, units, tgt in fans:
                if calibration and available(f, metric, "series"):
                    figures.append(calibration_fan(f, dates, metric, title, units, out, tgt))
                else:
                    figures.append(fan_chart(f, dates, rows, metric, title, units, out, tgt))
            if money:
                figures.append(money_areas(f, dates, rows, out))
            figures += contingent_figures(f, dates, rows, out)
            if calibration:
                figures += calibration_sweep_plots(f, out, sweep_metrics)
                figures += calibration_plots(f, dates, out)
            elif sweep:
                figures += sweep_plots(f, rows, out, sweep_metrics)
        write_index(f, out, figures, drawn)
    return len(figures)


def damaged(path, e):
    """One line for an exception a damaged file gave, naming the file and what was wrong."""
    detail = e.args[0] if isinstance(e, KeyError) and e.args else e  # KeyError quotes its text
    what = " ".join(str(detail).split())[:300] if str(detail) else "no detail"
    print(f"rotsim-plot: {path}: damaged file, or not one rotsim wrote "
          f"({type(e).__name__}: {what})", file=sys.stderr)
    return 2


def main(argv):
    """argv: a JSON list [files, out, metrics or None, progress descriptor]."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # the supervisor reports an interruption
    files, out, requested, fd = json.loads(argv[0])
    reading.watch_progress(fd)
    np.seterr(all="ignore")
    current = files[0]
    try:
        if len(files) == 1:
            count = plot_file(files[0], out, requested)
        else:
            from .compare import compare_files  # noqa: PLC0415 -- only two files need it
            count = compare_files(files, out, requested)
    except BadFile as e:
        print(f"rotsim-plot: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        if e.filename is not None and e.strerror:  # the figures' directory, not the file read
            print(f"rotsim-plot: cannot write {e.filename}: {e.strerror}", file=sys.stderr)
            return 2
        return damaged(reading.current_file() or current, e)
    except (NameError, ImportError, SyntaxError, AssertionError) as e:
        # Not the file's fault: say so rather than blame the file.
        print(f"rotsim-plot: internal error drawing {reading.current_file() or current} "
              f"({type(e).__name__}: {e}); please report it", file=sys.stderr)
        return 3
    except Exception as e:  # noqa: BLE001 -- whatever h5py or numpy raise on a damaged file
        return damaged(reading.current_file() or current, e)
    print(f"{count} figures and index.html written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
