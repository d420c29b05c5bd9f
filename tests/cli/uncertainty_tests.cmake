# Uncertain inputs end to end: priors drawn by rotsim run (threads, MPI, the variance split against
# numpy), and bad priors refused with file, line and the closest name (docs/uncertainty.md).
set(PRIORS ${PROJECT_SOURCE_DIR}/tests/data/uncertainty/priors.ini)
set(drawn_ranks "")
if(ROTSIM_MPI)
  set(drawn_ranks ${MPIEXEC_EXECUTABLE})
endif()
add_test(NAME "cli: runs of drawn inputs are thread- and rank-independent and split as numpy does"
         COMMAND bash ${CLI}/uncertainty_runs.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR} ${drawn_ranks})
set_tests_properties("cli: runs of drawn inputs are thread- and rank-independent and split as numpy does"
                     PROPERTIES RUN_SERIAL TRUE)

function(rotsim_bad_drawn name pattern)
  add_test(NAME "cli: run of drawn inputs refuses ${name}"
           COMMAND bash ${CLI}/expect_failure.sh "${pattern}" ${ROTSIM_BIN} run ${ARGN}
                   --out ${CMAKE_CURRENT_BINARY_DIR}/refused_drawn.h5 --quiet)
endfunction()
rotsim_bad_drawn("priors without --input-draws" "give --input-draws K" ${PRIORS})
rotsim_bad_drawn("--input-draws without priors" "has no \\[uncertainty\\] priors"
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --input-draws 4)
rotsim_bad_drawn("zero draws" "--input-draws takes 1 to" ${PRIORS} --input-draws 0)
rotsim_bad_drawn("--first-replication" "--first-replication is for a run of one scenario"
                 ${PRIORS} --input-draws 4 --first-replication 3)
rotsim_bad_drawn("a prior on an unknown key, naming the line and the closest key"
                 "\\[uncertainty\\] casualties.p_kai.*did you mean 'p_kia'"
                 ${PRIORS} --input-draws 4 --set "uncertainty.casualties.p_kai=uniform(0,0.001)")
add_test(NAME "cli: sweep refuses a scenario with priors it would leave unused"
         COMMAND bash ${CLI}/expect_failure.sh "has priors in \\[uncertainty\\].*--input-draws"
                 ${ROTSIM_BIN} sweep ${PRIORS} --grid strength.max_tours=1,2
                 --out ${CMAKE_CURRENT_BINARY_DIR}/refused_drawn_sweep.h5 --quiet)
add_test(NAME "cli: ABC-SMC recovers a schedule knot's value and --posterior runs it forward"
         COMMAND bash ${CLI}/uncertainty_knot.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})

# rotsim-plot on drawn inputs: fans pooling every run and saying which uncertainty they hold, the
# variance split equal to rotsim summarize --csv, the drawn inputs (docs/analysis.md).
add_test(NAME "cli: rotsim-plot of drawn inputs labels its bands and splits the variance as summarize"
         COMMAND bash ${CLI}/plot_uncertainty.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
add_test(NAME "cli: expect refuses a scenario with priors"
         COMMAND bash ${CLI}/expect_failure.sh "has priors in \\[uncertainty\\].*--set those keys"
                 ${ROTSIM_BIN} expect ${PRIORS} --out ${CMAKE_CURRENT_BINARY_DIR}/refused_expect.h5)
