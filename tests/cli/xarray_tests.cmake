# netCDF-4 dimension scales (engine/io/hdf5_scales.cpp): xarray opens every kind of rotsim file
# without options and sees what h5py sees (docs/hdf5-schema.md).
add_test(NAME "cli: xarray opens run, contingent, expectation, sweep, merged and calibration files"
         COMMAND bash ${CLI}/xarray_view.sh ${ROTSIM_BIN} ${PROJECT_SOURCE_DIR})
