#pragma once

// The parts of the run file layout that are not in the metric registries: units of the summary
// metrics, the per-soldier columns, and how groups, datasets and attributes are stored. Private to
// engine/io (and its tests): it includes HDF5's headers.

#include "sim/metrics.hpp"
#include "sim/result.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rotsim {

inline std::string_view metric_units(Unit unit) {
    switch (unit) {
    case Unit::soldiers:
        return "soldiers";
    case Unit::events:
        return "events";
    case Unit::money:
        return "USD";
    }
    return "";
}

// A switch without default, so that a summary added to the registry without units fails to compile
// under -Wall -Werror.
inline std::string_view summary_units(Summary s) {
    switch (s) {
    case s_served:
    case s_home:
    case s_in_russia_final:
    case s_peak_in_russia:
        return "soldiers";
    case s_dispatched:
    case s_arrivals:
    case s_killed:
    case s_killed_in_action:
    case s_wounded:
    case s_captured:
    case s_died_of_wounds:
    case s_evacuated:
    case s_rotated_out:
        return "events";
    case s_accrued_usd:
    case s_paid_by_russia_usd:
    case s_receivable_usd:
    case s_soldier_accounts_usd:
    case s_paid_to_soldiers_usd:
    case s_family_compensation_usd:
    case s_party_fund_usd:
    case s_military_usd:
    case s_elite_luxury_usd:
    case s_food_usd:
    case s_accrued_per_month_usd:
    case s_mean_payout_per_survivor_usd:
        return "USD";
    case s_revenue_share_of_gdp:
    case s_revenue_share_of_defence:
    case s_share_to_soldiers_and_families:
        return "fraction";
    case s_payout_in_home_months:
        return "months of home pay";
    case kSummaryCount:
        break;
    }
    return "";
}

// The coordinates that groups of per-run datasets may hold beside their metrics, for netCDF
// readers (hdf5_scales.cpp); whatever lists a group's members as metrics skips exactly these.
// Files written before they existed have none.
inline constexpr std::array<std::string_view, 6> kCoordinateNames = {
    "run", "time", "date", "replication", "seed", "point"};

inline bool is_coordinate_name(std::string_view name) {
    return std::find(kCoordinateNames.begin(), kCoordinateNames.end(), name) !=
           kCoordinateNames.end();
}

enum class Element { i8, i32, i64, f64 };

inline std::size_t element_size(Element e) {
    switch (e) {
    case Element::i8:
        return 1;
    case Element::i32:
        return 4;
    case Element::i64:
    case Element::f64:
        return 8;
    }
    return 0;
}

// Little-endian in the file whatever the machine, so files compare byte for byte across hosts.
inline const H5::PredType& file_type(Element e) {
    switch (e) {
    case Element::i8:
        return H5::PredType::STD_I8LE;
    case Element::i32:
        return H5::PredType::STD_I32LE;
    case Element::i64:
        return H5::PredType::STD_I64LE;
    case Element::f64:
        return H5::PredType::IEEE_F64LE;
    }
    return H5::PredType::STD_I64LE;
}

inline const H5::PredType& memory_type(Element e) {
    switch (e) {
    case Element::i8:
        return H5::PredType::NATIVE_INT8;
    case Element::i32:
        return H5::PredType::NATIVE_INT32;
    case Element::i64:
        return H5::PredType::NATIVE_INT64;
    case Element::f64:
        return H5::PredType::NATIVE_DOUBLE;
    }
    return H5::PredType::NATIVE_INT64;
}

// One column of /agents. The column is read as raw bytes so one code path appends every type.
struct AgentField {
    std::string_view name;
    Element element;
    std::string_view units;
    std::string_view description;
    std::span<const std::byte> (*column)(const AgentTable&);
};

template <class T> std::span<const std::byte> bytes_of(const std::vector<T>& v) {
    return std::as_bytes(std::span<const T>(v));
}

// The file's element for a column's element type in memory.
template <class T> constexpr Element element_of() {
    static_assert(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int32_t> ||
                      std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>,
                  "an /agents column must be int8, int32, int64 or double");
    if constexpr (std::is_same_v<T, std::int8_t>) return Element::i8;
    if constexpr (std::is_same_v<T, std::int32_t>) return Element::i32;
    if constexpr (std::is_same_v<T, std::int64_t>) return Element::i64;
    return Element::f64;
}

// A dataset per ROW field of sim/soldier_fields.hpp, in its order.
inline constexpr std::array kAgentFields = {
#define ROTSIM_AGENT_FIELD(store, member, type, reset, column, column_type, to_column, units,      \
                           description)                                                            \
    AgentField{#column, element_of<column_type>(), units, description,                             \
               [](const AgentTable& a) { return bytes_of(a.column); }},
    ROTSIM_SOLDIER_FIELDS(ROTSIM_AGENT_FIELD, ROTSIM_SKIP_SOLDIER_FIELD)
#undef ROTSIM_AGENT_FIELD
};

inline std::size_t agent_final_state_index() {
    for (std::size_t f = 0; f < kAgentFields.size(); ++f)
        if (kAgentFields[f].name == "final_state") return f;
    return 0;
}

// Strings are variable-length UTF-8 so that h5py returns str, not bytes.
// Variable-length strings as read into `raw`, copied out; their memory goes back to HDF5.
inline std::vector<std::string> reclaimed_strings(std::vector<char*>& raw, const H5::StrType& type,
                                                  const H5::DataSpace& space) {
    std::vector<std::string> out;
    out.reserve(raw.size());
    for (const char* p : raw)
        out.emplace_back(p ? p : "");
    if (!raw.empty()) H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, raw.data());
    return out;
}

inline H5::StrType utf8_string_type() {
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    type.setCset(H5T_CSET_UTF8);
    return type;
}

inline void write_string_attribute(H5::H5Object& object, const char* name, std::string_view value) {
    const H5::StrType type = utf8_string_type();
    H5::Attribute attribute = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
    const std::string text(value);
    const char* data = text.c_str();
    attribute.write(type, &data);
}

inline void write_string_array_attribute(H5::H5Object& object, const char* name,
                                         const std::vector<std::string_view>& values) {
    const H5::StrType type = utf8_string_type();
    const hsize_t count = values.size();
    H5::Attribute attribute = object.createAttribute(name, type, H5::DataSpace(1, &count));
    std::vector<std::string> texts(values.begin(), values.end());
    std::vector<const char*> data;
    data.reserve(texts.size());
    for (const std::string& text : texts)
        data.push_back(text.c_str());
    attribute.write(type, data.data());
}

inline void write_scalar_attribute(H5::H5Object& object, const char* name,
                                   const H5::PredType& file_type, const H5::PredType& memory_type,
                                   const void* value) {
    object.createAttribute(name, file_type, H5::DataSpace(H5S_SCALAR)).write(memory_type, value);
}

// Groups and datasets do not store modification times, so that two runs of the same ensemble give
// the same bytes; groups keep link creation order, so that readers list metrics in registry order
// rather than alphabetically. HDF5 1.10's C++ API cannot pass group creation properties.
inline H5::Group create_group(H5::H5File& file, const char* name) {
    const hid_t plist = H5Pcreate(H5P_GROUP_CREATE);
    const bool ok =
        plist >= 0 &&
        H5Pset_link_creation_order(plist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED) >= 0 &&
        H5Pset_obj_track_times(plist, false) >= 0;
    const hid_t group =
        ok ? H5Gcreate2(file.getId(), name, H5P_DEFAULT, plist, H5P_DEFAULT) : H5I_INVALID_HID;
    if (plist >= 0) H5Pclose(plist);
    if (group < 0) throw H5::GroupIException("create_group", "H5Gcreate2 failed");
    H5Gclose(group);
    return file.openGroup(name);
}

// zlib level of every compressed dataset (RunEncoder compresses sweeps' chunks alike). Shuffled
// series compress nearly as well at 1 as at 4 (1.8 % larger) in two thirds of the time, on the one
// writing thread, which many worker threads otherwise wait on.
inline constexpr int kDeflateLevel = 1;

inline H5::DataSet create_dataset(H5::Group& group, std::string_view name,
                                  const H5::DataType& file_type, const std::vector<hsize_t>& dims,
                                  const std::vector<hsize_t>& chunk, const H5::DataType& fill_type,
                                  const void* fill, std::string_view units,
                                  std::string_view description, bool compress = true) {
    // The run axis is extendable so that files can later be merged by appending rows.
    std::vector<hsize_t> maxdims = dims;
    maxdims[0] = H5S_UNLIMITED;
    H5::DataSpace space(static_cast<int>(dims.size()), dims.data(), maxdims.data());
    H5::DSetCreatPropList plist;
    plist.setChunk(static_cast<int>(chunk.size()), chunk.data());
    // Shuffled numbers compress well already; higher levels gain little. Uncompressed chunks
    // keep their size, so rewriting one (a sweep's /summary while its runs arrive) reuses its
    // place in the file.
    if (compress) {
        plist.setShuffle();
        plist.setDeflate(kDeflateLevel);
    }
    plist.setFillValue(fill_type, fill);
    if (H5Pset_obj_track_times(plist.getId(), false) < 0)
        throw H5::PropListIException("create_dataset", "cannot disable time tracking");
    H5::DataSet ds = group.createDataSet(std::string(name), file_type, space, plist);
    write_string_attribute(ds, "units", units);
    write_string_attribute(ds, "description", description);
    return ds;
}

// One string per row, written once: the calendar dates of /time and the design's text columns.
inline void write_text_dataset(H5::Group& group, const std::string& name,
                               const std::vector<std::string>& texts, std::string_view units,
                               std::string_view description) {
    const H5::StrType type = utf8_string_type();
    const hsize_t n = texts.size();
    H5::DSetCreatPropList plist;
    if (H5Pset_obj_track_times(plist.getId(), false) < 0)
        throw H5::PropListIException("write_text_dataset", "cannot disable time tracking");
    H5::DataSet ds = group.createDataSet(name, type, H5::DataSpace(1, &n), plist);
    std::vector<const char*> data;
    data.reserve(texts.size());
    for (const std::string& text : texts)
        data.push_back(text.c_str());
    if (n > 0) ds.write(data.data(), type);
    write_string_attribute(ds, "units", units);
    write_string_attribute(ds, "description", description);
}

// /runs/failure of sweep files: fixed-length, because HDF5 cannot write variable-length strings
// while a file is open for single-writer / multiple-reader access.
inline constexpr std::size_t kFailureBytes = 1024;

inline H5::StrType failure_string_type() {
    H5::StrType type(H5::PredType::C_S1, kFailureBytes);
    type.setCset(H5T_CSET_UTF8);
    type.setStrpad(H5T_STR_NULLPAD);
    return type;
}

// The native type that reads a per-run dataset without changing its values, so that rows copied
// from one file to another keep every bit.
inline H5::DataType native_type_of(const H5::DataSet& ds) {
    const H5T_class_t type_class = ds.getTypeClass();
    const std::size_t size = ds.getDataType().getSize();
    if (type_class == H5T_FLOAT)
        return size == 4 ? H5::PredType::NATIVE_FLOAT : H5::PredType::NATIVE_DOUBLE;
    if (type_class == H5T_STRING) return ds.getStrType();
    const bool is_signed = ds.getIntType().getSign() != H5T_SGN_NONE;
    switch (size) {
    case 1:
        return is_signed ? H5::PredType::NATIVE_INT8 : H5::PredType::NATIVE_UINT8;
    case 4:
        return is_signed ? H5::PredType::NATIVE_INT32 : H5::PredType::NATIVE_UINT32;
    default:
        return is_signed ? H5::PredType::NATIVE_INT64 : H5::PredType::NATIVE_UINT64;
    }
}

// For reading a file open for single-writer / multiple-reader access. A reader retries metadata
// whose checksum fails, as it may catch the writer mid-flush, with a wait that doubles each time;
// HDF5's 100 tries would hang for ages on a corrupt file, 25 wait about 30 ms in all.
inline H5::FileAccPropList swmr_read_access() {
    H5::FileAccPropList fapl;
    if (H5Pset_metadata_read_attempts(fapl.getId(), 25) < 0)
        throw H5::PropListIException("swmr_read_access", "cannot set metadata read attempts");
    return fapl;
}

} // namespace rotsim
