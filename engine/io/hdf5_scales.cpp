// netCDF-4 conventions on top of the run file layout: HDF5 dimension scales (H5DS) name the
// axes, and CF attributes (`units`, `long_name`, `coordinates`) say what the coordinates are.
// netCDF readers take a dimension's name from its scale's link name and find coordinates only in
// the group they open, so each group of per-run datasets holds its own links to the coordinates:
// hard links to one dataset each, so the values are stored once and cannot disagree.
#include "io/hdf5_scales.hpp"

#include "io/hdf5_schema.hpp"

#include <H5DSpublic.h>

#include <algorithm>
#include <deque>
#include <numeric>
#include <string_view>

namespace rotsim {
namespace {

void check(herr_t status, const char* what) {
    if (status < 0) throw H5::DataSetIException("add_dimension_scales", what);
}

// A 1-D dataset of fixed length written once; contiguous, without modification times.
H5::DataSet fixed_vector(H5::Group& group, const char* name, const std::vector<int>& values,
                         std::string_view units, std::string_view long_name) {
    const hsize_t n = values.size();
    H5::DSetCreatPropList plist;
    check(H5Pset_obj_track_times(plist.getId(), false), "cannot disable time tracking");
    H5::DataSet ds =
        group.createDataSet(name, H5::PredType::STD_I32LE, H5::DataSpace(1, &n), plist);
    if (n > 0) ds.write(values.data(), H5::PredType::NATIVE_INT);
    write_string_attribute(ds, "units", units);
    write_string_attribute(ds, "description", long_name);
    write_string_attribute(ds, "long_name", long_name);
    return ds;
}

void link(H5::H5File& file, const std::string& from, const std::string& to) {
    check(H5Lcreate_hard(file.getId(), from.c_str(), file.getId(), to.c_str(), H5P_DEFAULT,
                         H5P_DEFAULT),
          "cannot link a coordinate");
}

// The group's datasets that are not coordinates, in creation order.
std::vector<std::string> variables(const H5::Group& group) {
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
        return 0;
    };
    hsize_t index = 0;
    check(H5Literate(group.getId(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect, &names),
          "cannot list a group");
    std::erase_if(names, [](const std::string& name) { return is_coordinate_name(name); });
    return names;
}

// CF's long_name is the description every dataset already carries.
void add_long_name(H5::DataSet& ds) {
    if (!ds.attrExists("description") || ds.attrExists("long_name")) return;
    const H5::Attribute description = ds.openAttribute("description");
    std::string text;
    description.read(description.getStrType(), text);
    write_string_attribute(ds, "long_name", text);
}

void attach(H5::DataSet& ds, const H5::DataSet& scale, unsigned axis) {
    check(H5DSattach_scale(ds.getId(), scale.getId(), axis), "cannot attach a dimension scale");
}

// /design as a table along `point`, which netCDF readers open like the groups of runs.
void add_design_scale(H5::H5File& file, std::int64_t points, hsize_t chunk,
                      std::deque<H5::DataSet>& opened) {
    H5::Group design = file.openGroup("design");
    const std::vector<std::string> names = variables(design);
    const std::int64_t fill = -1;
    H5::DataSet& point = opened.emplace_back(
        create_dataset(design, "point", H5::PredType::STD_I64LE, {static_cast<hsize_t>(points)},
                       {chunk}, H5::PredType::NATIVE_INT64, &fill, "index",
                       "design point: the value of /runs/point", false));
    std::vector<std::int64_t> rows(static_cast<std::size_t>(points));
    std::iota(rows.begin(), rows.end(), std::int64_t{0});
    if (!rows.empty()) point.write(rows.data(), H5::PredType::NATIVE_INT64);
    write_string_attribute(point, "long_name", "design point: the value of /runs/point");
    check(H5DSset_scale(point.getId(), "point"), "cannot make /design/point a dimension scale");
    for (const std::string& name : names) {
        H5::DataSet& ds = opened.emplace_back(design.openDataSet(name));
        attach(ds, point, 0);
        add_long_name(ds);
    }
}

// The coordinate `run` of one group: its own scale, so that each scale lists only its group's
// datasets (HDF5 checks a scale's whole list at each attachment).
H5::DataSet& add_run_scale(H5::Group& group, const std::string& where, const ScaleLayout& layout,
                           Scales& scales) {
    const std::int64_t fill = -1;
    scales.runs.push_back(scales.opened.size());
    H5::DataSet& run = scales.opened.emplace_back(
        create_dataset(group, "run", H5::PredType::STD_I64LE, {static_cast<hsize_t>(layout.runs)},
                       {layout.run_chunk}, H5::PredType::NATIVE_INT64, &fill, "index",
                       "row of the run in this file", layout.compress));
    std::vector<std::int64_t> rows(static_cast<std::size_t>(layout.runs));
    std::iota(rows.begin(), rows.end(), std::int64_t{0});
    if (!rows.empty()) run.write(rows.data(), H5::PredType::NATIVE_INT64);
    write_string_attribute(run, "long_name", "row of the run in this file");
    check(H5DSset_scale(run.getId(), "run"), ("cannot make /" + where + "/run a scale").c_str());
    return run;
}

} // namespace

void add_dimension_scales(H5::H5File& file, const ScaleLayout& layout, Scales& scales) {
    std::vector<std::string> per_run = {"replication", "seed"};
    if (layout.sweep) per_run.emplace_back("point");
    std::string coordinates;
    for (const std::string& name : per_run)
        coordinates += " " + name;

    for (const std::string& where : layout.series) {
        H5::Group group = file.openGroup(where);
        const std::vector<std::string> metrics = variables(group);
        H5::DataSet& run = add_run_scale(group, where, layout, scales);
        // `time` is the day number, whose units xarray leaves alone; `date` the same days as CF
        // time, which xarray decodes to datetime64.
        const H5::DataSet& time = scales.opened.emplace_back(fixed_vector(
            group, "time", layout.ticks, "day", "day of the simulation (0: start_date)"));
        check(H5DSset_scale(time.getId(), "time"), "cannot make a time scale");
        H5::DataSet& date = scales.opened.emplace_back(fixed_vector(
            group, "date", layout.ticks, "days since " + layout.start_date, "calendar date"));
        write_string_attribute(date, "calendar", "proleptic_gregorian");
        attach(date, time, 0);
        // /runs' datasets have one scale, that of /timeseries: readers take a dimension's name
        // from its scale, and every `run` is named alike.
        for (const std::string& name : per_run) {
            if (where == "timeseries") {
                H5::DataSet& ds = scales.opened.emplace_back(file.openDataSet("runs/" + name));
                attach(ds, run, 0);
                add_long_name(ds);
            }
            link(file, "runs/" + name, std::string(where).append("/").append(name));
        }
        for (const std::string& name : metrics) {
            H5::DataSet& ds = scales.opened.emplace_back(group.openDataSet(name));
            attach(ds, run, 0);
            attach(ds, time, 1);
            add_long_name(ds);
            write_string_attribute(ds, "coordinates", "date" + coordinates);
        }
    }
    for (const std::string& where : layout.summaries) {
        H5::Group group = file.openGroup(where);
        const std::vector<std::string> metrics = variables(group);
        H5::DataSet& run = add_run_scale(group, where, layout, scales);
        for (const std::string& name : per_run)
            link(file, "runs/" + name, std::string(where).append("/").append(name));
        for (const std::string& name : metrics) {
            H5::DataSet& ds = scales.opened.emplace_back(group.openDataSet(name));
            attach(ds, run, 0);
            add_long_name(ds);
            write_string_attribute(ds, "coordinates", coordinates.substr(1));
        }
    }
    if (layout.sweep)
        add_design_scale(file, layout.points,
                         std::clamp<hsize_t>(static_cast<hsize_t>(layout.points), 1, 8192),
                         scales.opened);
}

} // namespace rotsim
