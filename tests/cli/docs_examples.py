"""Runs the Python examples of docs/hdf5-schema.md on real files, so that what the page shows works
(with xarray, and with h5py and pandas beside the coordinates): each ```python block that opens
"run.h5" or "sweep.h5" runs with those names replaced by the files given; a block reading
/contingents gets the file of contingents. Blocks needing groups other commands add (/reduced,
/sensitivity) are left to their own tests.
Usage: docs_examples.py SCHEMA.md RUN.h5 CONTINGENTS.h5 SWEEP.h5"""
import contextlib
import io
import re
import sys
import textwrap

schema, run, contingents, sweep = sys.argv[1:5]
blocks = re.findall(r"```python\n(.*?)```", open(schema).read(), re.S)
ran = 0
for block in map(textwrap.dedent, blocks):
    if '"run.h5"' in block:
        code = block.replace('"run.h5"', repr(contingents if 'f["contingents"]' in block else run))
    elif '"sweep.h5"' in block and 'f["reduced"]' not in block:
        code = block.replace('"sweep.h5"', repr(sweep))
    else:
        continue
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, f"{schema} example {ran + 1}", "exec"), {})  # noqa: S102 -- the docs
    except Exception as e:  # noqa: BLE001 -- any failure of an example is the finding
        sys.exit(f"FAIL: this example of {schema} fails ({type(e).__name__}: {e}):\n{block}")
    ran += 1
if ran < 5:
    sys.exit(f"FAIL: only {ran} examples found in {schema}")
print(f"{ran} examples of {schema} run")
