# rotsim calibrate end to end: a known casualties.p_kia recovered from targets the model made,
# and bad targets files and options refused, naming the file and line, before anything runs.
set(CALIBRATION_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/calibration)
set(SMALL_CALIBRATION ${ROTSIM_BIN} calibrate ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini
    --set run.horizon_days=60 --samples 4 --quiet
    --out ${CMAKE_CURRENT_BINARY_DIR}/refused_calibration.h5)

add_test(NAME "cli: calibrate recovers a known p_kia, reproducibly, and refuses to overwrite"
         COMMAND bash ${CLI}/calibrate_recovery.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})

# Each case: a targets file of tests/data/calibration, then the pattern the message must match.
set(bad_targets
  "unknown_metric.csv|unknown_metric.csv:3: unknown metric 'kiled'.*did you mean 'killed'"
  "outside_horizon.csv|outside_horizon.csv:2: date 2025-06-01 .* outside the scenario's horizon"
  "zero_uncertainty.csv|zero_uncertainty.csv:4: uncertainty must be greater than 0"
  "overflowing_z.csv|overflowing_z.csv:2: value 1e308 is beyond what any metric reaches"
  "bad_number.csv|bad_number.csv:2: value '12.5.1' is not a number"
  "bad_date.csv|bad_date.csv:2: date '2024-10-32' is not a date"
  "missing_column.csv|missing_column.csv:1: no column 'uncertainty'"
  "short_line.csv|short_line.csv:2: expected 4 fields")
foreach(case ${bad_targets})
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 file)
  list(GET parts 1 pattern)
  add_test(NAME "cli: calibrate refuses ${file}"
           COMMAND bash ${CLI}/expect_failure.sh "${pattern}" ${SMALL_CALIBRATION}
                   --targets ${CALIBRATION_DATA}/${file} --range casualties.p_kia=0.0002:0.003)
endforeach()

function(rotsim_bad_calibration name pattern)
  add_test(NAME "cli: calibrate refuses ${name}"
           COMMAND bash ${CLI}/expect_failure.sh "${pattern}" ${SMALL_CALIBRATION} ${ARGN})
endfunction()
set(GOOD_TARGETS --targets ${CALIBRATION_DATA}/good.csv)
rotsim_bad_calibration("a missing targets file" "cannot open targets file 'no-such.csv'"
                       --targets no-such.csv --range casualties.p_kia=0.0002:0.003)
rotsim_bad_calibration("no --range" "missing --range" ${GOOD_TARGETS})
rotsim_bad_calibration("an unknown range key" "--range casualties.p_kai: unknown key.*p_kia"
                       ${GOOD_TARGETS} --range casualties.p_kai=0.0002:0.003)
rotsim_bad_calibration("--accept above 1" "--accept takes a fraction.*got 1.5"
                       ${GOOD_TARGETS} --range casualties.p_kia=0.0002:0.003 --accept 1.5)
rotsim_bad_calibration("--accept with --tolerance" "two rules.*give one" ${GOOD_TARGETS}
                       --range casualties.p_kia=0.0002:0.003 --accept 0.1 --tolerance 1)
rotsim_bad_calibration("a tolerance no point meets" "no point accepted.*raise --tolerance"
                       ${GOOD_TARGETS} --range casualties.p_kia=0.0002:0.003 --tolerance 1e-9
                       --overwrite)

# Sequential ABC (--method smc): recovery, weights, generations, reproducibility.
add_test(NAME "cli: calibrate --method smc recovers a known p_kia with weighted particles"
         COMMAND bash ${CLI}/calibrate_smc.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
set(SMC_RANGE --range casualties.p_kia=0.0002:0.003)
rotsim_bad_calibration("an unknown method" "--method is 'rejection' or 'smc', got 'mcmc'"
                       ${GOOD_TARGETS} ${SMC_RANGE} --method mcmc)
rotsim_bad_calibration("--samples with smc" "--samples is for --method rejection"
                       ${GOOD_TARGETS} ${SMC_RANGE} --method smc)
rotsim_bad_calibration("--particles with rejection" "--particles is for --method smc"
                       ${GOOD_TARGETS} ${SMC_RANGE} --particles 50)
set(SMALL_SMC ${ROTSIM_BIN} calibrate ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini
    --set run.horizon_days=60 --method smc --particles 4 --quiet ${GOOD_TARGETS} ${SMC_RANGE}
    --out ${CMAKE_CURRENT_BINARY_DIR}/refused_smc.h5)
add_test(NAME "cli: calibrate refuses a quantile of 1"
         COMMAND bash ${CLI}/expect_failure.sh "--quantile takes a fraction.*got 1" ${SMALL_SMC}
                 --quantile 1)
add_test(NAME "cli: calibrate refuses a budget below generation 0"
         COMMAND bash ${CLI}/expect_failure.sh "--max-runs 5 does not cover generation 0"
                 ${SMALL_SMC} --max-runs 5)
