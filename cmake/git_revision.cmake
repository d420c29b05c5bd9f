# Run at every build (the target rotsim_git_revision), not only at configure time, so that the
# revision stamped into output files is that of the source the binaries were built from, after a
# checkout or an edit as much as after cmake. configure_file leaves the header untouched when the
# revision has not changed, so an unchanged tree rebuilds nothing.
#   cmake -DSOURCE_DIR=... -DTEMPLATE=... -DOUTPUT=... -P git_revision.cmake
execute_process(COMMAND git describe --always --dirty
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE ROTSIM_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
if(NOT ROTSIM_GIT_REVISION)
  set(ROTSIM_GIT_REVISION "unknown")
endif()
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
