# Faults a modeler meets on a shared cluster, through the rotsim program as he runs it
# (docs/reliability.md lists each promise and the test that proves it). Included by
# tests/CMakeLists.txt after cli/cli_tests.cmake, whose ROTSIM_BIN and CLI it uses.
set(FAULTS ${CMAKE_CURRENT_SOURCE_DIR}/faults)
set(ARTICLE ${PROJECT_SOURCE_DIR}/scenarios/article-2024.ini)
set(HDF5_CORPUS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/fuzz_hdf5)

function(rotsim_fault_test name)
  add_test(NAME "faults: ${name}" COMMAND ${ARGN})
  set_tests_properties("faults: ${name}" PROPERTIES TIMEOUT 120)
endfunction()

# Output that cannot be written: refused before anything runs, one message, nothing left behind.
rotsim_fault_test("output directory not writable"
                  bash ${FAULTS}/output_faults.sh ${ROTSIM_BIN} ${ARTICLE} unwritable)
rotsim_fault_test("output directory is a file"
                  bash ${FAULTS}/output_faults.sh ${ROTSIM_BIN} ${ARTICLE} not-a-dir)
rotsim_fault_test("output directory missing"
                  bash ${FAULTS}/output_faults.sh ${ROTSIM_BIN} ${ARTICLE} missing)
rotsim_fault_test("output path that is a directory"
                  bash ${FAULTS}/expect_one_message.sh "is a directory" ${ROTSIM_BIN} run
                  ${ARTICLE} --replications 1 --out ${CMAKE_CURRENT_BINARY_DIR} --quiet)
rotsim_fault_test("output path that is a device"
                  bash ${FAULTS}/output_faults.sh ${ROTSIM_BIN} ${ARTICLE} device)
# Output paths resolved before any work: empty, a loop of links, a link into a missing directory,
# and a dangling link followed to where it leads.
rotsim_fault_test("output paths through symbolic links, or empty"
                  bash ${FAULTS}/output_links.sh ${ROTSIM_BIN} ${ARTICLE})
# A file size limit with SIGXFSZ at its default action (which would kill rotsim silently).
rotsim_fault_test("file size limit with SIGXFSZ not ignored by the caller"
                  /usr/bin/python3 ${FAULTS}/file_size_signal.py ${ROTSIM_BIN} ${ARTICLE})
set_tests_properties("faults: file size limit with SIGXFSZ not ignored by the caller"
                     PROPERTIES SKIP_RETURN_CODE 77)
# The disk fills while writing (ulimit -f): non-zero exit, one message, earlier files untouched.
# Exit status 77: no file size limit can be set here (the script says why).
rotsim_fault_test("disk full while writing a new file"
                  bash ${FAULTS}/disk_full.sh ${ROTSIM_BIN} ${ARTICLE} new)
rotsim_fault_test("disk full while replacing a file with --overwrite"
                  bash ${FAULTS}/disk_full.sh ${ROTSIM_BIN} ${ARTICLE} overwrite)
rotsim_fault_test("disk full during a sweep, then --resume"
                  bash ${FAULTS}/disk_full.sh ${ROTSIM_BIN} ${ARTICLE} sweep)
set_tests_properties("faults: disk full while writing a new file"
                     "faults: disk full while replacing a file with --overwrite"
                     "faults: disk full during a sweep, then --resume"
                     PROPERTIES SKIP_RETURN_CODE 77)

# Input HDF5 that is not rotsim's, damaged, or hostile: one message naming the file and why.
rotsim_fault_test("summarize refuses an HDF5 file made by h5py"
                  bash ${FAULTS}/expect_one_message.sh "foreign_h5py.hdf5.*no root attribute 'runs'.*not a rotsim result file"
                  ${ROTSIM_BIN} summarize ${HDF5_CORPUS}/foreign_h5py.hdf5)
rotsim_fault_test("summarize refuses a truncated run file"
                  bash ${FAULTS}/expect_one_message.sh "rotsim_served_only_truncated.hdf5"
                  ${ROTSIM_BIN} summarize ${HDF5_CORPUS}/rotsim_served_only_truncated.hdf5)
rotsim_fault_test("summarize refuses a file whose datasets claim 2^32 runs"
                  bash ${FAULTS}/expect_one_message.sh "unwritten_huge_dataset.hdf5.*limit of 134217728"
                  ${ROTSIM_BIN} summarize ${HDF5_CORPUS}/unwritten_huge_dataset.hdf5)
rotsim_fault_test("summarize refuses a damaged superblock at once"
                  bash ${FAULTS}/expect_one_message.sh "regression_superblock_checksum_retries.hdf5.*damaged"
                  ${ROTSIM_BIN} summarize ${HDF5_CORPUS}/regression_superblock_checksum_retries.hdf5)
set_tests_properties("faults: summarize refuses a damaged superblock at once" PROPERTIES TIMEOUT 10)
rotsim_fault_test("summarize gives up on a file HDF5 loops forever on"
                  bash ${FAULTS}/expect_one_message.sh "libhdf5_hang_global_heap.hdf5.*did not finish in 3 s"
                  ${ROTSIM_BIN} summarize ${HDF5_CORPUS}/libhdf5_hang_global_heap.hdf5)
set_tests_properties("faults: summarize gives up on a file HDF5 loops forever on" PROPERTIES
                     TIMEOUT 30 ENVIRONMENT "ROTSIM_READ_TIMEOUT=3")
# Damaged result files through every command that reads one: the bytes libhdf5 aborts and
# segfaults on (issue 14), then random ones; exit 2 and one line, never a signal or a hang.
rotsim_fault_test("damaged result files through every command that reads one"
                  /usr/bin/python3 ${FAULTS}/damaged_results.py ${ROTSIM_BIN})
set_tests_properties("faults: damaged result files through every command that reads one"
                     PROPERTIES TIMEOUT 300)
# The same endless loop through the other readers, which had no time limit before the check.
rotsim_fault_test("sensitivity gives up on a file HDF5 loops forever on"
                  bash ${FAULTS}/expect_one_message.sh "libhdf5_hang_global_heap.hdf5.*damaged.*did not finish in 3 s"
                  ${ROTSIM_BIN} sensitivity ${HDF5_CORPUS}/libhdf5_hang_global_heap.hdf5 --no-store)
rotsim_fault_test("merge gives up on a shard HDF5 loops forever on"
                  bash ${FAULTS}/expect_one_message.sh "libhdf5_hang_global_heap.hdf5.*damaged.*did not finish in 3 s"
                  ${ROTSIM_BIN} merge ${HDF5_CORPUS}/libhdf5_hang_global_heap.hdf5 --out ${CMAKE_CURRENT_BINARY_DIR}/never-merged.h5)
set_tests_properties("faults: sensitivity gives up on a file HDF5 loops forever on"
                     "faults: merge gives up on a shard HDF5 loops forever on" PROPERTIES
                     TIMEOUT 30 ENVIRONMENT "ROTSIM_READ_TIMEOUT=3")
rotsim_fault_test("summarize refuses a device"
                  bash ${FAULTS}/expect_one_message.sh "/dev/zero.*not a regular file"
                  ${ROTSIM_BIN} summarize /dev/zero)

# Huge and hostile values: refused up front with the limit named.
set(CHECK_ARTICLE ${ROTSIM_BIN} check ${ARTICLE})
rotsim_fault_test("refuses a billion soldiers"
                  bash ${FAULTS}/expect_one_message.sh
                  "--set.*strength.target_strength: value 1000000000 on day 0 must be in \\[0, 1000000\\]"
                  ${CHECK_ARTICLE} --set strength.target_strength=0:1000000000)
rotsim_fault_test("refuses a billion initial soldiers"
                  bash ${FAULTS}/expect_one_message.sh "strength.initial_strength: must be <= 1000000"
                  ${CHECK_ARTICLE} --set strength.initial_strength=1000000000)
rotsim_fault_test("refuses a million days"
                  bash ${FAULTS}/expect_one_message.sh "run.horizon_days: must be <= 36500"
                  ${CHECK_ARTICLE} --set run.horizon_days=1000000)
rotsim_fault_test("refuses a schedule knot past the longest horizon"
                  bash ${FAULTS}/expect_one_message.sh "casualties.intensity: days must be <= 36500"
                  ${CHECK_ARTICLE} --set casualties.intensity=0:1,40000:2)
rotsim_fault_test("refuses money beyond the ledger's range"
                  bash ${FAULTS}/expect_one_message.sh "money this scenario can accrue.*more than"
                  ${CHECK_ARTICLE} --set strength.target_strength=0:1000000
                  --set run.horizon_days=36500 --set pay.monthly_pay_usd=1000000)
foreach(case million-points long-line long-key dev-zero)
  rotsim_fault_test("refuses hostile scenario input: ${case}"
                    bash ${FAULTS}/hostile_input.sh ${ROTSIM_BIN} ${case})
endforeach()
# Endless and blocking text inputs, counts past the limits, many sections (issue 14): refused
# up front, one message, nothing left behind; no case may hang (each command runs under timeout).
foreach(case sweep-dev-zero calibrate-dev-zero targets-dev-zero points-dev-zero check-fifo
             targets-fifo fifo-with-writer targets-directory run-trillion run-int64-max
             first-replication sweep-replications sweep-points-x-reps sweep-shards
             calibrate-samples many-classes contingents-x-classes)
  rotsim_fault_test("refuses hostile input and counts: ${case}"
                    bash ${FAULTS}/hostile_counts.sh ${ROTSIM_BIN} ${case})
endforeach()

# One writer per file (issue 14, items 4 and 5): a second writer of a file is refused at once,
# naming the file and the holder; a stale lock of a killed writer never blocks.
foreach(case two-sweeps resume run-expect-merge reduce-sensitivity stale released interrupted)
  rotsim_fault_test("one writer per file: ${case}"
                    bash ${FAULTS}/one_writer.sh ${ROTSIM_BIN} ${ARTICLE} ${case})
endforeach()
# A full disk while --reduce or sensitivity adds its group: "no space left on device".
rotsim_fault_test("disk full while adding /reduced or /sensitivity"
                  bash ${FAULTS}/annex_disk_full.sh ${ROTSIM_BIN} ${ARTICLE})
set_tests_properties("faults: disk full while adding /reduced or /sensitivity"
                     PROPERTIES SKIP_RETURN_CODE 77)
if(ROTSIM_MPI)
  rotsim_fault_test("one writer per file: mpi"
                    bash ${FAULTS}/one_writer.sh ${ROTSIM_BIN} ${ARTICLE} mpi ${MPIEXEC_EXECUTABLE})
endif()
