#include "io/sensitivity_file.hpp"

#include "io/file_annex.hpp"
#include "io/hdf5_schema.hpp"
#include "model/error.hpp"
#include "version.hpp"

#include <H5Cpp.h>

namespace rotsim {
namespace {

constexpr const char* kGroup = "sensitivity";

void write_numbers(H5::Group& group, const SensitivityColumn& column, hsize_t metrics,
                   hsize_t keys) {
    const std::vector<hsize_t> dims =
        column.per_key ? std::vector<hsize_t>{metrics, keys} : std::vector<hsize_t>{metrics};
    if (column.values.size() != (column.per_key ? metrics * keys : metrics))
        throw std::invalid_argument("/sensitivity/" + column.name + " has the wrong size");
    H5::DSetCreatPropList plist;
    if (H5Pset_obj_track_times(plist.getId(), false) < 0)
        throw H5::PropListIException("write_numbers", "cannot disable time tracking");
    H5::DataSet ds =
        group.createDataSet(column.name, file_type(Element::f64),
                            H5::DataSpace(static_cast<int>(dims.size()), dims.data()), plist);
    ds.write(column.values.data(), memory_type(Element::f64));
    write_string_attribute(ds, "units", column.units);
    write_string_attribute(ds, "description", column.description);
    write_string_array_attribute(ds, "dimensions",
                                 column.per_key ? std::vector<std::string_view>{"metric", "key"}
                                                : std::vector<std::string_view>{"metric"});
}

void fill_group(H5::Group& group, const SensitivityRecord& record) {
    write_string_attribute(group, "method", record.method);
    write_string_attribute(group, "engine_version", kEngineVersion);
    write_string_attribute(group, "command_line", record.command_line);
    write_scalar_attribute(group, "confidence", file_type(Element::f64), memory_type(Element::f64),
                           &record.confidence);
    write_scalar_attribute(group, "bootstrap_resamples", file_type(Element::i64),
                           memory_type(Element::i64), &record.bootstrap_resamples);
    write_scalar_attribute(group, "bootstrap_seed", H5::PredType::STD_U64LE,
                           H5::PredType::NATIVE_UINT64, &record.bootstrap_seed);
    write_text_dataset(group, "metric", record.metrics, "",
                       "summary metric of each row: a dataset of /summary");
    write_text_dataset(group, "key", record.keys, "",
                       "swept scenario key of each column, in the design's order");
    for (const SensitivityColumn& column : record.columns)
        write_numbers(group, column, record.metrics.size(), record.keys.size());
}
} // namespace

std::string sensitivity_copy_path(const std::string& path) {
    return annex_copy_path(path, kGroup);
}

bool has_sensitivity(const std::string& path) {
    return file_has_group(path, kGroup);
}

void store_sensitivity(const std::string& path, const SensitivityRecord& record, bool overwrite) {
    annex_group(path, kGroup, overwrite, [&](H5::Group& group) { fill_group(group, record); });
}

} // namespace rotsim
