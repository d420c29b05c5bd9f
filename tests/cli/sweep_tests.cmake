# rotsim sweep and rotsim merge end to end: bad designs refused before anything runs, shards,
# resuming after SIGKILL, reproducing a run alone, and MPI.
set(SMALL_SWEEP ${ROTSIM_BIN} sweep ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini
    --set run.horizon_days=60 --out ${CMAKE_CURRENT_BINARY_DIR}/refused_sweep.h5 --quiet)

# Each case: a name, a pattern the message must match, then the design options.
function(rotsim_bad_sweep name pattern)
  add_test(NAME "cli: sweep refuses ${name}"
           COMMAND bash ${CLI}/expect_failure.sh "${pattern}" ${SMALL_SWEEP} ${ARGN})
endfunction()
rotsim_bad_sweep("an unknown key, suggesting one" "--grid casualties.p_kai: unknown key.*p_kia"
                 --grid casualties.p_kai=0.001,0.002)
rotsim_bad_sweep("an unknown range key" "--range strength.max_tour: unknown key.*max_tours"
                 --lhs 4 --range strength.max_tour=1:3)
rotsim_bad_sweep("a grid range with lo above hi" "lo 0.5 is greater than hi 0.1"
                 --grid casualties.p_kia=0.5:0.1:0.1)
rotsim_bad_sweep("a grid step of 0" "step must be greater than 0" --grid strength.max_tours=1:3:0)
rotsim_bad_sweep("a negative grid step" "step must be greater than 0"
                 --grid strength.max_tours=1:3:-1)
rotsim_bad_sweep("a range with lo above hi" "lo 0.01 is greater than hi 0.001"
                 --lhs 4 --range casualties.p_kia=0.01:0.001)
rotsim_bad_sweep("an empty range" "lo and hi are equal" --sobol 4 --range casualties.p_kia=0.1:0.1)
rotsim_bad_sweep("a point making a probability exceed 1, naming the point"
                 "point 1 \\(casualties.p_kia=0.9\\).*probability.*more than 1"
                 --grid casualties.p_kia=0.001,0.9)
rotsim_bad_sweep("a point the loader refuses, naming the point"
                 "point 2 \\(durations.stay_days=90..60\\).*stay_days"
                 "--grid=durations.stay_days=60..90,70..80,90..60")
rotsim_bad_sweep("fractional bounds for a whole-number key" "whole numbers"
                 --lhs 4 --range strength.max_tours=0.5:3)
rotsim_bad_sweep("--lhs without --range" "--lhs needs at least one --range" --lhs 4)
rotsim_bad_sweep("--range without --lhs or --sobol" "--range is for --lhs and --sobol"
                 --grid strength.max_tours=1,2 --range casualties.p_kia=0:0.01)
rotsim_bad_sweep("--grid with --lhs" "cannot be combined"
                 --grid strength.max_tours=1,2 --lhs 4 --range casualties.p_kia=0:0.01)
rotsim_bad_sweep("--lhs 0" "at least 1" --lhs 0 --range casualties.p_kia=0:0.01)
rotsim_bad_sweep("no design" "nothing to sweep")
rotsim_bad_sweep("a key both set and swept" "also given with --set"
                 --set casualties.p_kia=0.001 --grid casualties.p_kia=0.002,0.003)
rotsim_bad_sweep("a shard outside its count" "0 <= I < N" --grid strength.max_tours=1,2 --shard 3/3)
rotsim_bad_sweep("a malformed shard" "--shard takes I/N" --grid strength.max_tours=1,2 --shard 2)
rotsim_bad_sweep("an unknown failure policy" "'stop' or 'continue'"
                 --grid strength.max_tours=1,2 --on-failure retry)
rotsim_bad_sweep("--resume with --overwrite" "give one"
                 --grid strength.max_tours=1,2 --resume --overwrite)
rotsim_bad_sweep("zero replications" "replications must be at least 1"
                 --grid strength.max_tours=1,2 --replications 0)
add_test(NAME "cli: merge refuses a file that is not a sweep"
         COMMAND bash ${CLI}/expect_failure.sh "README.md.*not an HDF5 file" ${ROTSIM_BIN} merge
                 ${PROJECT_SOURCE_DIR}/README.md --out ${CMAKE_CURRENT_BINARY_DIR}/refused_merge.h5)

foreach(script shards resume reproduce)
  add_test(NAME "cli: sweep ${script}"
           COMMAND bash ${CLI}/sweep_${script}.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
endforeach()
set_tests_properties("cli: sweep resume" PROPERTIES RUN_SERIAL TRUE)

if(ROTSIM_MPI)
  foreach(ranks 2 3)
    add_test(NAME "cli: sweep on ${ranks} MPI ranks equals one process"
             COMMAND bash ${CLI}/sweep_mpi.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR}
                     ${MPIEXEC_EXECUTABLE} ${ranks})
    set_tests_properties("cli: sweep on ${ranks} MPI ranks equals one process"
                         PROPERTIES RUN_SERIAL TRUE)
  endforeach()
endif()
include(${CMAKE_CURRENT_LIST_DIR}/points_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sensitivity_tests.cmake)
# rotsim calibrate: a sweep of its own, then ABC (tests/cli/calibrate_tests.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/calibrate_tests.cmake)
