# rotsim compare (docs/analysis.md, "Comparing two scenarios") against numpy and scipy on the
# stored rows, and the small command-line fixes found with it.
add_test(NAME "cli: compare paired, unpaired, expected values, sweep --baseline and refusals"
         COMMAND bash ${CLI}/compare.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
add_test(NAME "cli: summarize of expected values, an interrupted run, and its help"
         COMMAND bash ${CLI}/summarize_kinds.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
add_test(NAME "cli: a comment after a value, and calibrate's advice on refused points"
         COMMAND bash ${CLI}/small_fixes.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
# compare reads files as summarize does: a file HDF5 loops forever on is given up, not waited on.
add_test(NAME "cli: compare gives up on a file HDF5 loops forever on"
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/faults/expect_one_message.sh
                 "rotsim compare: cannot read '.*libhdf5_hang_global_heap.hdf5'.*did not finish in 3 s"
                 ${ROTSIM_BIN} compare
                 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/fuzz_hdf5/libhdf5_hang_global_heap.hdf5
                 ${PROJECT_SOURCE_DIR}/README.md)
set_tests_properties("cli: compare gives up on a file HDF5 loops forever on" PROPERTIES
                     TIMEOUT 30 ENVIRONMENT "ROTSIM_READ_TIMEOUT=3")
