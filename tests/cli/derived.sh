#!/bin/bash
# usage: derived.sh ROTSIM SOURCE_DIR
# Derived metrics end to end: rotsim's and rotsim-plot's lists agree; summarize's tables and
# --reduce bands equal numpy evaluating the documented formulas on the stored rows of a file
# written with --every; --precision, sweeps and sensitivity take them; a --series file offers
# only those its series allow; rotsim-plot draws them.
set -u
rotsim=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
if ! /usr/bin/python3 -c 'import h5py, matplotlib' 2>/dev/null; then
    echo "python3-h5py or python3-matplotlib missing: tools/bootstrap.sh installs them"; exit 1
fi
scenario="$src/scenarios/article-2024.ini"
small=(--set run.horizon_days=120 --set strength.target_strength=0:2000)

# The engine's table and rotsim-plot's copy: names, kinds, units and formulas, line for line.
"$rotsim" summarize --list-metrics >"$dir/engine.tsv" || fail "summarize --list-metrics failed"
"$src/tools/rotsim-plot" --list-metrics >"$dir/plot.tsv" || fail "rotsim-plot --list-metrics failed"
cat "$dir/engine.tsv"
diff "$dir/engine.tsv" "$dir/plot.tsv" || fail "rotsim-plot's derived metrics differ from rotsim's"
for name in casualties killed_per_1000_served usd_per_death accrued_per_month_usd; do
    grep -q "^$name	" "$dir/engine.tsv" || fail "--list-metrics lacks $name"
done

"$rotsim" run "$scenario" "${small[@]}" -n 6 --seed 5 --every 7 --out "$dir/run.h5" --quiet ||
    fail "run exited with $?"
"$rotsim" summarize "$dir/run.h5" --csv >"$dir/table.csv" || fail "summarize exited with $?"
"$rotsim" summarize "$dir/run.h5" --reduce --quiet || fail "summarize --reduce exited with $?"
# numpy on the stored rows, through rotsim-plot's own evaluation of the formulas.
/usr/bin/python3 - "$src/tools/rotsim-plot" "$dir/run.h5" "$dir/table.csv" <<'PY' || fail "derived metrics differ from numpy"
import csv, importlib.machinery, importlib.util, sys, warnings
import h5py, numpy as np
loader = importlib.machinery.SourceFileLoader("rotsim_plot", sys.argv[1])
plot = importlib.util.module_from_spec(importlib.util.spec_from_loader("rotsim_plot", loader))
loader.exec_module(plot)
table = {row["metric"]: row for row in csv.DictReader(open(sys.argv[3]))}
close = lambda a, b: np.allclose(a, b, rtol=1e-12, atol=0, equal_nan=True)
with h5py.File(sys.argv[2], "r") as f:
    rows = plot.finished_rows(f)
    assert list(f["time/tick"][()][:3]) == [0, 7, 14]
    for name, kind, _, _ in plot.DERIVED:
        values = plot.values_of(f, name, kind, rows)
        if kind == "summary":
            assert name not in f["summary"], name       # nothing stored
            row, v = table[name], values[np.isfinite(values)]
            got = [float(row[c]) for c in ("mean", "p5", "p50", "p95")]
            want = [v.mean()] + list(np.quantile(v, [0.05, 0.5, 0.95]))
            assert close(got, want), (name, got, want)
            print(f"{name}: mean {got[0]:.6g} as numpy")
        else:
            assert name not in f["timeseries"], name
            bands = f["reduced/" + name][0]
            stats = list(f["reduced"].attrs["statistics"])
            assert f["reduced/" + name].attrs["units"] == plot.units_of(f, name, kind)
            with warnings.catch_warnings():  # all-NaN columns: nobody has served on day 0
                warnings.simplefilter("ignore")
                mean = np.nanmean(values, axis=0)
                p50 = np.nanquantile(values, 0.5, axis=0)
            assert close(bands[stats.index("mean")], mean), name
            assert close(bands[stats.index("p50")], p50), name
            print(f"{name}: /reduced mean and median as numpy over {bands.shape[-1]} columns")
    # The rule itself, independently of the formula text: casualties leave died_of_wounds out.
    S = {k: f["summary"][k][()] for k in ("killed_in_action", "wounded", "captured", "killed",
                                          "died_of_wounds")}
    assert S["died_of_wounds"].sum() > 0, "no death of wounds: the case is not tested"
    assert close(plot.values_of(f, "casualties", "summary", rows),
                 S["killed_in_action"] + S["wounded"] + S["captured"])
    # Pay per month over the days since the previous stored column, by hand.
    t, a = f["time/tick"][()], f["timeseries/accrued_usd"][0]
    month = plot.values_of(f, "accrued_per_month_usd", "series", rows)[0]
    assert close(month[0], a[0] / (t[0] + 1) * 365 / 12)
    for k in range(1, len(t)):
        assert close(month[k], (a[k] - a[k - 1]) / (t[k] - t[k - 1]) * 365 / 12), k
PY

# summarize takes them by name and suggests them for a misspelling.
"$rotsim" summarize "$dir/run.h5" --metric casualties,usd_per_death >"$dir/two.txt" ||
    fail "summarize --metric casualties exited with $?"
grep -q "^casualties " "$dir/two.txt" || fail "no casualties row: $(cat "$dir/two.txt")"
err=$("$rotsim" summarize "$dir/run.h5" --metric casualtis 2>&1 >/dev/null) &&
    fail "a misspelt metric was accepted"
grep -q "did you mean 'casualties'" <<<"$err" || fail "no suggestion: $err"

# --precision on a derived summary, computed in memory from each replication's summaries.
"$rotsim" run "$scenario" "${small[@]}" --precision casualties=0.02 --replications 200 \
    --seed 3 --out "$dir/precise.h5" >"$dir/precision.txt" || fail "run --precision exited with $?"
cat "$dir/precision.txt"
grep -q "^precision reached after" "$dir/precision.txt" || fail "precision not reached"
grep -q "^  casualties: 95 % interval" "$dir/precision.txt" || fail "no casualties line"

# A file with some series offers only the derived series their inputs allow.
"$rotsim" run "$scenario" "${small[@]}" -n 3 --series served,killed --out "$dir/some.h5" --quiet ||
    fail "run --series exited with $?"
"$rotsim" summarize "$dir/some.h5" --reduce --quiet || fail "--reduce of a --series file failed"
/usr/bin/python3 - "$dir/some.h5" <<'PY' || fail "a --series file reduced the wrong series"
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert sorted(f["reduced"]) == ["killed", "killed_per_1000_served", "runs", "served"], \
        sorted(f["reduced"])
PY

# A sweep: per point tables and sensitivity indices of derived summaries.
"$rotsim" sweep "$scenario" "${small[@]}" --quiet --replications 2 --seed 4 --lhs 8 \
    --range casualties.p_kia=0.0002:0.003 --out "$dir/lhs.h5" || fail "sweep exited with $?"
"$rotsim" summarize "$dir/lhs.h5" --metric casualties --csv >"$dir/points.csv" ||
    fail "summarize of a sweep exited with $?"
[ "$(grep -c ',casualties,' "$dir/points.csv")" = 8 ] || fail "not a row a point: $(cat "$dir/points.csv")"
"$rotsim" sensitivity "$dir/lhs.h5" --no-store --metrics casualties,killed_per_1000_served \
    >"$dir/sens.txt" || fail "sensitivity exited with $?"
cat "$dir/sens.txt"
grep -Eq "casualties +casualties.p_kia" "$dir/sens.txt" || fail "no casualties index"
err=$("$rotsim" sensitivity "$dir/lhs.h5" --no-store --metrics usd_per_deaht 2>&1 >/dev/null) &&
    fail "a misspelt metric was accepted by sensitivity"
grep -q "did you mean 'usd_per_death'" <<<"$err" || fail "no suggestion: $err"

# rotsim-plot draws the derived fans (from /reduced here).
"$src/tools/rotsim-plot" "$dir/run.h5" --out "$dir/plots" >/dev/null || fail "rotsim-plot failed"
for png in fan_casualties.png fan_accrued_per_month_usd.png; do
    [ -s "$dir/plots/$png" ] || fail "rotsim-plot did not draw $png"
done
echo "derived OK"
