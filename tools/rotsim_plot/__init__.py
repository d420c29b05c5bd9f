"""rotsim-plot: figures from rotsim's HDF5 files. cli.py parses the command line and watches
worker.py, which reads the files and draws: reading.py (the files), figures.py (fans and money),
sweeps.py, drawn.py, contingents.py, calibration*.py, compare.py (two files) and index.py."""
