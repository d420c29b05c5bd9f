#pragma once

// netCDF-4 dimension scales on the groups of per-run datasets, so that netCDF readers (xarray
// through h5netcdf, netCDF-C) see dimensions `run` and `time` and their coordinates without
// options (docs/hdf5-schema.md#opening-a-file-with-xarray). Private to engine/io.

#include <H5Cpp.h>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace rotsim {

// Which groups hold a file's per-run datasets, and what labels their axes.
struct ScaleLayout {
    std::int64_t runs = 0;
    std::vector<int> ticks;             // the stored days: the `time` axis
    std::string start_date;             // YYYY-MM-DD of day 0
    bool sweep = false;                 // /runs/point and /design exist
    std::int64_t points = 0;            // rows of /design
    hsize_t run_chunk = 1;              // rows per chunk of the `run` coordinate
    bool compress = true;               // as the file's other per-run datasets
    std::vector<std::string> series;    // groups of (runs, ticks) datasets: "timeseries", ...
    std::vector<std::string> summaries; // groups of (runs,) datasets: "summary", ...
};

// What add_dimension_scales opened, for the writer to close with the file (quietly, when a full
// disk makes closing fail).
struct Scales {
    std::deque<H5::DataSet> opened;
    std::vector<std::size_t> runs; // the `run` coordinates among them, cut with the run axis
};

// Creates the coordinates `run` (each group its own), `time` and `date` (each group of series),
// links /runs' `replication`, `seed` (and `point`) into every group of the layout, and attaches
// the scales to every other dataset of those groups, which gain `long_name` and `coordinates`
// attributes; a sweep's /design gains the scale `point`. Must run before single-writer /
// multiple-reader access starts (it writes attributes).
void add_dimension_scales(H5::H5File& file, const ScaleLayout& layout, Scales& scales);

} // namespace rotsim
