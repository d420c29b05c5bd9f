# The rotsim program end to end: exit codes, messages and files, as a modeler meets them.
set(ROTSIM_BIN $<TARGET_FILE:rotsim>)
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/data/bad)
set(CLI ${CMAKE_CURRENT_SOURCE_DIR}/cli)

function(rotsim_cli_test name pattern)
  add_test(NAME "cli: ${name}" COMMAND ${ROTSIM_BIN} ${ARGN})
  set_tests_properties("cli: ${name}" PROPERTIES PASS_REGULAR_EXPRESSION "${pattern}")
endfunction()

# A valid scenario checks clean; a bad one fails with a message naming what is wrong and where.
rotsim_cli_test("check the article's scenario" "\\[casualties\\]"
                check ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini)
foreach(scenario article-arithmetic kursk-timeline soldiers-paid long-tours heavy-fighting two-classes
                 article-uncertain kursk-fit kursk-2024-2026)
  add_test(NAME "cli: check ${scenario}"
           COMMAND ${ROTSIM_BIN} check --quiet ${PROJECT_SOURCE_DIR}/scenarios/${scenario}.ini)
endforeach()

# Each case: file, then a pattern the message must match. The exit status is checked by
# tests/cli/expect_failure.sh (non-zero, and the pattern on stderr).
set(bad_cases
  "unknown_key.ini|unknown_key.ini:3.*p_kai.*p_kia"
  "unknown_section.ini|unknown_section.ini:1.*casualty.*casualties"
  "bad_number.ini|bad_number.ini:2.*p_kia.*0.0o5"
  "bad_schedule.ini|bad_schedule.ini:2.*target_strength"
  "min_above_max.ini|min_above_max.ini:2.*stay_days"
  "probability.ini|probability.ini:2.*p_kia.*1.5"
  "multiplied.ini|p_wia|intensity"
  "shares.ini|allocation.*1.05"
  "horizon.ini|horizon.ini:2.*horizon_days")
foreach(case ${bad_cases})
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 file)
  list(GET parts 1 pattern)
  add_test(NAME "cli: refuses ${file}"
           COMMAND bash ${CLI}/expect_failure.sh "${pattern}" ${ROTSIM_BIN} check ${BAD}/${file})
endforeach()
add_test(NAME "cli: refuses a missing scenario file"
         COMMAND bash ${CLI}/expect_failure.sh "no-such.ini" ${ROTSIM_BIN} check no-such.ini)
add_test(NAME "cli: refuses an unknown --set key"
         COMMAND bash ${CLI}/expect_failure.sh "set.*p_kai.*p_kia" ${ROTSIM_BIN} check
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --set casualties.p_kai=0.1)
add_test(NAME "cli: refuses a malformed --replications"
         COMMAND bash ${CLI}/expect_failure.sh "replications" ${ROTSIM_BIN} run
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --replications x --out x.h5)
# Out of memory says so, not "std::bad_alloc". A million soldiers need about 140 MB, more than
# an address-space limit of 150 MB leaves beside the program. Not under the sanitizers, which
# reserve far more address space than that for themselves.
if(NOT ROTSIM_SANITIZE)
  add_test(NAME "cli: run out of memory says so"
           COMMAND bash -c "ulimit -v 150000 && exec bash \"$0\" \"$@\""
                   ${CLI}/expect_failure.sh "rotsim run: out of memory.*--threads" ${ROTSIM_BIN} run
                   ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini
                   --set strength.target_strength=0:1000000 --set run.horizon_days=20
                   --replications 1 --threads 1 --overwrite
                   --out ${CMAKE_CURRENT_BINARY_DIR}/out-of-memory.h5)
endif()
add_test(NAME "cli: refuses zero replications"
         COMMAND bash ${CLI}/expect_failure.sh "replications" ${ROTSIM_BIN} run
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --replications 0 --out x.h5)
add_test(NAME "cli: refuses a negative seed"
         COMMAND bash ${CLI}/expect_failure.sh "seed.*-5" ${ROTSIM_BIN} run
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --seed -5 --out x.h5)
add_test(NAME "cli: refuses an output directory that does not exist"
         COMMAND bash ${CLI}/expect_failure.sh "no-such-dir.*does not exist" ${ROTSIM_BIN} run
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --out no-such-dir/x.h5)
add_test(NAME "cli: refuses an output path that is a directory"
         COMMAND bash ${CLI}/expect_failure.sh "is a directory" ${ROTSIM_BIN} run
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --out ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME "cli: summarize refuses a file that is not HDF5"
         COMMAND bash ${CLI}/expect_failure.sh "README.md.*not an HDF5 file" ${ROTSIM_BIN} summarize
                 ${PROJECT_SOURCE_DIR}/README.md)

# run -> file -> summarize, refusing to overwrite, and the file read by Python without rotsim.
add_test(NAME "cli: run, refuse overwrite, summarize, read with h5py"
         COMMAND bash ${CLI}/run_end_to_end.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR}
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

# Ctrl-C and SIGTERM: stop within a second, keep what finished, say how to continue.
foreach(sig INT TERM)
  add_test(NAME "cli: a run stopped by SIG${sig} keeps its finished replications"
           COMMAND bash ${CLI}/interrupt.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR} ${sig})
  set_tests_properties("cli: a run stopped by SIG${sig} keeps its finished replications"
                       PROPERTIES RUN_SERIAL TRUE)
endforeach()

# rotsim-plot: PNG figures with their titles, and index.html with the scenario.
add_test(NAME "cli: rotsim-plot draws every figure"
         COMMAND bash ${CLI}/plot.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})

# Contingents end to end: /contingents in the file summing to the totals (h5py), summarize's table
# per contingent and --contingent, rotsim-plot's figures by contingent.
add_test(NAME "cli: a run of contingents stores, summarizes and plots each contingent"
         COMMAND bash ${CLI}/contingents.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})

# rotsim expect: the expected-value model to a one-row file, exact with a fixed dispatch.
add_test(NAME "cli: expect writes the mean-field expectation of the article's scenario"
         COMMAND ${ROTSIM_BIN} expect ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini
                 --out expect_article.h5 --overwrite
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties("cli: expect writes the mean-field expectation of the article's scenario"
                     PROPERTIES PASS_REGULAR_EXPRESSION "\\(mean-field\\) written to.*served +80[0-9][0-9][0-9]\\.")
add_test(NAME "cli: expect is exact with dispatch = schedule"
         COMMAND ${ROTSIM_BIN} expect ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini
                 --out expect_schedule.h5 --overwrite --set strength.dispatch=schedule
                 --set strength.dispatch_schedule=0:200
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties("cli: expect is exact with dispatch = schedule"
                     PROPERTIES PASS_REGULAR_EXPRESSION "\\(exact\\) written to")
add_test(NAME "cli: expect refuses more than one tour, naming the key"
         COMMAND bash ${CLI}/expect_failure.sh "rotsim expect: strength.max_tours = 2" ${ROTSIM_BIN}
                 expect ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --out x.h5
                 --set strength.max_tours=2)

# rotsim run --precision: a thread-independent count, and the same runs as asking for it.
add_test(NAME "cli: run --precision settles on the same runs as --replications"
         COMMAND bash ${CLI}/run_precision.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
add_test(NAME "cli: run --precision refuses an unknown metric"
         COMMAND bash ${CLI}/expect_failure.sh "kiled.*did you mean 'killed'" ${ROTSIM_BIN} run
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --precision kiled=0.01 --out x.h5)
add_test(NAME "cli: run --precision refuses a relative width outside (0, 1)"
         COMMAND bash ${CLI}/expect_failure.sh "killed=2.*between 0 and 1" ${ROTSIM_BIN} run
                 ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --precision killed=2 --out x.h5)
add_test(NAME "cli: run --precision refuses --agents it might have to drop"
         COMMAND bash ${CLI}/expect_failure.sh "agents must be at most --min-replications"
                 ${ROTSIM_BIN} run ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini
                 --precision killed=0.01 --replications 100 --agents 50 --out x.h5)

# rotsim summarize: per-point tables of sweeps, and per-tick bands stored by --reduce.
add_test(NAME "cli: summarize per design point and --reduce agree with numpy"
         COMMAND bash ${CLI}/summarize_reduce.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
include(${CMAKE_CURRENT_LIST_DIR}/uncertainty_tests.cmake)
