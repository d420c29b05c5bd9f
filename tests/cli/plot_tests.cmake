# rotsim-plot (tools/rotsim-plot, the package tools/rotsim_plot). The figures of a run file are
# tested in cli_tests.cmake, of drawn inputs in uncertainty_tests.cmake, of calibrations in
# calibrate_tests.cmake; here what every figure says it shows, comparisons and hostile files.

# Labels read back from the PNG text chunks: a sweep's default set and --metrics, text values
# sorted by meaning, a line a setting or point labelled with it; two files compared, the paired
# difference band equal to numpy's on the stored rows, and Welch's where the files share no seed.
add_test(NAME "plot: figures say what they show, --metrics, two files compared"
         COMMAND /usr/bin/python3 ${CLI}/plot_labels.py ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})

# No byte of a file gives a traceback, a crash or a hang: damaged copies of real files (flipped
# bytes in the HDF5 structures, truncations, a zeroed region, the global-heap damage on which
# libhdf5 segfaults), an unclosed sweep, a FIFO, a directory, text and an empty file.
add_test(NAME "plot: damaged files and non-files give one message, never a traceback, crash or hang"
         COMMAND /usr/bin/python3 ${CLI}/plot_hostile.py ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
set_tests_properties("plot: damaged files and non-files give one message, never a traceback, crash or hang"
                     PROPERTIES TIMEOUT 600)
