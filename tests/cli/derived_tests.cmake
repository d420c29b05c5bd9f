# Derived metrics (engine/sim/derived.cpp), computed on read: the engine's and rotsim-plot's lists
# agree and compute the same numbers, and every command that takes a metric takes them.
add_test(NAME "cli: derived metrics in summarize, --reduce, --precision, sweeps and plots"
         COMMAND bash ${CLI}/derived.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
add_test(NAME "cli: calibrate on derived casualties and usd_per_death"
         COMMAND bash ${CLI}/derived_calibrate.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
add_test(NAME "cli: run --precision suggests a derived metric for a misspelling"
         COMMAND bash ${CLI}/expect_failure.sh "casualtis.*did you mean 'casualties'" ${ROTSIM_BIN}
                 run ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini --precision casualtis=0.01
                 --out x.h5)
add_test(NAME "cli: calibrate suggests a derived metric for a misspelt target"
         COMMAND bash ${CLI}/expect_failure.sh
                 "unknown_derived.csv:2: unknown metric 'casualtys'.*did you mean 'casualties'"
                 ${SMALL_CALIBRATION} --targets ${CALIBRATION_DATA}/unknown_derived.csv
                 --range casualties.p_kia=0.0002:0.003)
add_test(NAME "cli: summarize --list-metrics takes no file"
         COMMAND bash ${CLI}/expect_failure.sh "--list-metrics takes no file" ${ROTSIM_BIN}
                 summarize --list-metrics ${PROJECT_SOURCE_DIR}/README.md)
