# Issue 11: contingents, durations by dispatch date, exposure experience and the warm start.
# Included from tests/CMakeLists.txt after cli_tests.cmake, whose ROTSIM_BIN and CLI it uses.

# Without the new sections a scenario gives the datasets it gave before them (tests/data/
# before-contingents, made by the engine of commit bd260f2).
add_test(NAME "cli: a scenario without the rules of issue 11 gives the same results as before"
         COMMAND bash ${CLI}/before_contingents.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})

# rotsim expect refuses each rule it does not follow, naming it. Each case: what is refused, the
# pattern of the message, the scenario file (in tests/, or scenarios/ with the prefix :), options.
set(expect_refusals
  "contingents|contingents \\(\\[contingent.NAME\\] sections: combat, builders\\)|data/contingents/combat-and-builders.ini"
  "dated durations|durations.stay_days changes by dispatch date|:article-2024.ini|--set|durations.stay_days=60..90, 100:120..150"
  "exposure experience|casualties.experience = exposure|:article-2024.ini|--set|casualties.experience=exposure|--set|casualties.intensity=0:0, 30:1"
  "a warm start|strength.start = warm|:article-2024.ini|--set|strength.start=warm")
foreach(case ${expect_refusals})
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 rule)
  list(GET parts 1 pattern)
  list(GET parts 2 file)
  set(options "")
  list(LENGTH parts count)
  if(count GREATER 3)
    list(SUBLIST parts 3 -1 options)
  endif()
  if(file MATCHES "^:")
    string(SUBSTRING "${file}" 1 -1 file)
    set(file ${PROJECT_SOURCE_DIR}/scenarios/${file})
  else()
    set(file ${CMAKE_CURRENT_SOURCE_DIR}/${file})
  endif()
  add_test(NAME "cli: expect refuses ${rule}, naming the rule"
           COMMAND bash ${CLI}/expect_failure.sh "rotsim expect: ${pattern}" ${ROTSIM_BIN}
                   expect ${file} --out x.h5 ${options})
endforeach()
