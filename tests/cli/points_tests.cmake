# rotsim sweep --points: listed design points run as given (quoted schedules included), and bad
# points files refused with their file and line before anything runs.
set(POINTS_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/points)

add_test(NAME "cli: sweep --points runs listed points, which sensitivity refuses"
         COMMAND bash ${CLI}/sweep_points.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})

# Each case: a points file of tests/data/points, then the pattern the message must match.
set(bad_points
  "short_line.csv|short_line.csv:3: expected 2 values.*got 1"
  "empty_value.csv|empty_value.csv:2: empty value for strength.max_tours"
  "twice.csv|twice.csv:1: key casualties.p_kia is given twice"
  "unknown_key.csv|--points .*unknown_key.csv:1 casualties.p_kai: unknown key.*p_kia"
  "refused_point.csv|point 1 \\(.*refused_point.csv:5: casualties.p_kia=0.9\\).*more than 1"
  "open_quote.csv|open_quote.csv:2: a quoted value has no closing")
foreach(case ${bad_points})
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 file)
  list(GET parts 1 pattern)
  add_test(NAME "cli: sweep refuses points file ${file}"
           COMMAND bash ${CLI}/expect_failure.sh "${pattern}" ${SMALL_SWEEP}
                   --points ${POINTS_DATA}/${file})
endforeach()
add_test(NAME "cli: sweep refuses --points with --grid"
         COMMAND bash ${CLI}/expect_failure.sh "--points.*cannot be combined" ${SMALL_SWEEP}
                 --points ${POINTS_DATA}/good.csv --grid strength.max_tours=1,2)
add_test(NAME "cli: sweep refuses a missing points file"
         COMMAND bash ${CLI}/expect_failure.sh "cannot open points file 'no-such.csv'"
                 ${SMALL_SWEEP} --points no-such.csv)
