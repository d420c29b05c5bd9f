#pragma once

// Helpers shared by the HDF5 tests: a scratch directory, synthetic replications, and direct reads
// of datasets and attributes (the tests check the file itself, not only what the reader returns).

#include "model/money.hpp"
#include "sim/result.hpp"

#include <H5Cpp.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

namespace rotsim::test {

// A directory of its own per test, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("rotsim_io_" + std::to_string(stamp) + "_" + std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// Every value is a distinct function of (row, metric, tick), so a row written to the wrong place
// or a transposed dataset cannot pass.
inline std::int64_t series_value(std::int64_t row, int metric, int tick) {
    return row * 1'000'003 + metric * 7'919 + tick;
}

inline double summary_value(std::int64_t row, int summary) {
    return row * 100.5 + summary;
}

inline std::size_t soldiers_in(std::int64_t row) {
    return static_cast<std::size_t>(3 + 2 * row);
}

inline ReplicationResult make_result(std::int64_t row, int ticks, bool agents,
                                     std::size_t soldiers = 0) {
    ReplicationResult r;
    r.replication = row + 10;
    r.seed = 0xFFFF'FFFF'0000'0000ULL + static_cast<std::uint64_t>(row);
    r.series.resize(kMetricCount, ticks);
    for (int m = 0; m < kMetricCount; ++m)
        for (int t = 0; t < ticks; ++t)
            r.series(m, t) = series_value(row, m, t);
    for (int s = 0; s < kSummaryCount; ++s)
        r.summary[s] = summary_value(row, s);
    r.has_agents = agents;
    if (!agents) return r;
    const std::size_t n = soldiers ? soldiers : soldiers_in(row);
    AgentTable& a = r.agents;
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = static_cast<std::int32_t>(i);
        a.id.push_back(row * 1000 + k);
        a.soldier_class.push_back(k % 2);
        a.unit.push_back(k / 4);
        a.dispatch_tick.push_back(k - 1);
        a.arrival_tick.push_back(k + 7);
        a.exit_tick.push_back(k % 3 ? k + 70 : -1);
        a.final_state.push_back(static_cast<std::int8_t>(k % 8));
        a.tours.push_back(1 + k % 2);
        a.training_days.push_back(14 + k % 29);
        a.days_at_front.push_back(k % 60);
        a.accrued_usd.push_back(0.25 * k + static_cast<double>(row));
        a.paid_usd.push_back(0.125 * k);
        a.family_usd.push_back(k % 5 == 0 ? 1000.0 : 0.0);
    }
    return r;
}

template <class T> struct Array {
    std::vector<hsize_t> dims;
    std::vector<T> values;
};

template <class T> Array<T> read_array(const H5::H5File& file, const std::string& path) {
    const H5::DataSet ds = file.openDataSet(path);
    const H5::DataSpace space = ds.getSpace();
    Array<T> out;
    out.dims.resize(static_cast<std::size_t>(space.getSimpleExtentNdims()));
    space.getSimpleExtentDims(out.dims.data());
    out.values.resize(static_cast<std::size_t>(space.getSimpleExtentNpoints()));
    if (!out.values.empty()) {
        if constexpr (std::is_same_v<T, double>)
            ds.read(out.values.data(), H5::PredType::NATIVE_DOUBLE);
        else if constexpr (std::is_same_v<T, std::uint64_t>)
            ds.read(out.values.data(), H5::PredType::NATIVE_UINT64);
        else
            ds.read(out.values.data(), H5::PredType::NATIVE_INT64);
    }
    return out;
}

inline std::string string_attribute(const H5::H5Object& object, const std::string& name) {
    const H5::Attribute attribute = object.openAttribute(name);
    std::string value;
    attribute.read(attribute.getStrType(), value);
    return value;
}

inline std::vector<std::string> string_array_attribute(const H5::H5Object& object,
                                                       const std::string& name) {
    const H5::Attribute attribute = object.openAttribute(name);
    const auto n = static_cast<std::size_t>(attribute.getSpace().getSimpleExtentNpoints());
    std::vector<char*> data(n);
    const H5::DataType type = attribute.getDataType();
    attribute.read(type, data.data());
    std::vector<std::string> out(data.begin(), data.end());
    H5Dvlen_reclaim(type.getId(), attribute.getSpace().getId(), H5P_DEFAULT, data.data());
    return out;
}

} // namespace rotsim::test
