# rotsim sensitivity end to end: indices of small LHS and Saltelli sweeps printed and stored,
# /sensitivity replaced only when asked, grid sweeps and run files refused.
add_test(NAME "cli: sensitivity of lhs and sobol sweeps"
         COMMAND bash ${CLI}/sensitivity.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
