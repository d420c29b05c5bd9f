#include "io/file_inspection.hpp"

#include "io/calibration_file.hpp"
#include "io/hdf5_reader.hpp"
#include "io/sweep_file.hpp"
#include "model/error.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <array>
#include <filesystem>
#include <limits>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace rotsim {
namespace {

// The readers read at most 2^27 values (1 GiB as doubles) from a file (hdf5_reader.cpp): a dataset
// past that is refused by them by name, and walking its values here would only take long.
constexpr std::uint64_t kMaxDatasetBytes = std::uint64_t{8} << 27;
// Values are read this many bytes at a time, so that the walk needs little memory for any file.
constexpr std::uint64_t kBlockBytes = std::uint64_t{16} << 20;
// Attributes are small in rotsim's files (the scenario text is the largest); the readers refuse
// text over 16 MiB.
constexpr std::uint64_t kMaxAttributeBytes = std::uint64_t{16} << 20;
// A damaged file can make links point back up the tree, or claim millions of members.
constexpr int kMaxDepth = 32;
constexpr std::int64_t kMaxObjects = 1'000'000;

// The groups whose datasets are the bulk of a file: /timeseries (also a contingent's) and
// /agents. Plain `summarize`, `sensitivity` and `run --posterior` never read their values.
bool bulk_dataset(const std::string& where) {
    const std::size_t slash = where.rfind('/');
    if (slash == std::string::npos || slash == 0) return false;
    const std::size_t parent = where.rfind('/', slash - 1);
    const std::string_view group = std::string_view(where).substr(parent + 1, slash - parent - 1);
    return group == "timeseries" || group == "agents";
}

// An HDF5 identifier closed on scope exit by its own close function.
class Id {
public:
    Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Id() {
        if (id_ >= 0) close_(id_);
    }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
    Id(Id&& other) noexcept
        : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(other.close_) {}
    Id& operator=(Id&&) = delete;
    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

class Walk {
public:
    Walk(std::string path, bool series_values, const std::function<void(const std::string&)>& at)
        : path_(std::move(path)), series_values_(series_values), at_(at) {}

    InspectionCounts run() {
        std::error_code ec;
        if (!std::filesystem::exists(path_, ec)) fail("", "no such file");
        if (!std::filesystem::is_regular_file(path_, ec)) fail("", "not a regular file");
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        if (H5Fis_hdf5(path_.c_str()) <= 0) fail("", "not an HDF5 file");
        const Id file = open();
        if (!file.valid()) damaged("/", "opening the file");
        visit(file.get(), "/", 0);
        return counts_;
    }

private:
    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw InputError("cannot read result file '" + path_ + "': " + what +
                         (where.empty() ? std::string() : " (at " + where + ")"));
    }
    [[noreturn]] void damaged(const std::string& where, const std::string& doing) const {
        fail(where, "the file is damaged or truncated: " + doing + " failed");
    }

    // As the readers open it: one metadata read attempt, then as a file still being written.
    Id open() const {
        const Id once(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
        if (once.valid() && H5Pset_metadata_read_attempts(once.get(), 1) >= 0) {
            Id file(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, once.get()), H5Fclose);
            if (file.valid()) return file;
        }
        const Id swmr(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
        if (swmr.valid()) H5Pset_metadata_read_attempts(swmr.get(), 25);
        return {H5Fopen(path_.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, swmr.get()), H5Fclose};
    }

    void enter(const std::string& where) {
        if (++counts_.objects > kMaxObjects)
            fail(where, "more than " + std::to_string(kMaxObjects) + " objects; is it damaged?");
        if (at_) at_(where);
    }

    // The object `object` (open), found at `where`.
    void visit(hid_t object, const std::string& where, int depth) {
        if (depth > kMaxDepth)
            fail(where, "groups nested deeper than " + std::to_string(kMaxDepth));
        H5O_info_t info{};
        if (H5Oget_info2(object, &info, H5O_INFO_BASIC) < 0)
            damaged(where, "reading the object's header");
        if (!seen_.insert(info.addr).second) return; // a second link to an object already walked
        enter(where);
        attributes(object, where);
        switch (info.type) {
        case H5O_TYPE_GROUP:
            members(object, where, depth);
            break;
        case H5O_TYPE_DATASET:
            dataset(object, where);
            break;
        default:
            break;
        }
    }

    static std::vector<std::string> names(hid_t group, H5_index_t index, bool& ok) {
        std::vector<std::string> out;
        auto collect = [](hid_t, const char* name, const H5L_info_t*, void* list) -> herr_t {
            static_cast<std::vector<std::string>*>(list)->emplace_back(name);
            return static_cast<std::vector<std::string>*>(list)->size() >
                           static_cast<std::size_t>(kMaxObjects)
                       ? 1
                       : 0;
        };
        hsize_t at = 0;
        ok = H5Literate(group, index, H5_ITER_INC, &at, collect, &out) >= 0;
        return out;
    }

    void members(hid_t group, const std::string& where, int depth) {
        // The readers list metrics in creation order when the file tracks it (rotsim's do), else
        // by name: both indexes are walked, since either can be the damaged one.
        bool by_creation = false, by_name = false;
        names(group, H5_INDEX_CRT_ORDER, by_creation);
        const std::vector<std::string> list = names(group, H5_INDEX_NAME, by_name);
        if (!by_name) damaged(where, "listing the group's members");
        const std::string prefix = where == "/" ? "/" : where + "/";
        for (const std::string& name : list) {
            const std::string child = prefix + name;
            if (H5Lexists(group, name.c_str(), H5P_DEFAULT) <= 0)
                damaged(child, "looking up the link");
            H5L_info_t link{};
            if (H5Lget_info(group, name.c_str(), &link, H5P_DEFAULT) < 0)
                damaged(child, "reading the link");
            if (link.type != H5L_TYPE_HARD) {
                // Soft and external links are not followed (rotsim writes none): their text is
                // read, as a reader that looks them up would.
                if (link.u.val_size > kMaxAttributeBytes)
                    fail(child, "a link claims a huge target");
                std::vector<char> target(link.u.val_size + 1);
                if (H5Lget_val(group, name.c_str(), target.data(), target.size(), H5P_DEFAULT) < 0)
                    damaged(child, "reading the link's target");
                continue;
            }
            const Id object(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose);
            if (!object.valid()) damaged(child, "opening the object");
            visit(object.get(), child, depth + 1);
        }
    }

    void attributes(hid_t object, const std::string& where) {
        std::vector<std::string> list;
        auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
            static_cast<std::vector<std::string>*>(out)->emplace_back(name);
            return 0;
        };
        hsize_t at = 0;
        if (H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &at, collect, &list) < 0)
            damaged(where, "listing the attributes");
        for (const std::string& name : list) {
            std::string what = "attribute '" + name;
            what += "' of ";
            what += where;
            ++counts_.attributes;
            if (at_) at_(what);
            if (H5Aexists(object, name.c_str()) <= 0) damaged(what, "looking up the attribute");
            const Id attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
            if (!attribute.valid()) damaged(what, "opening the attribute");
            const Id type(H5Aget_type(attribute.get()), H5Tclose);
            const Id space(H5Aget_space(attribute.get()), H5Sclose);
            if (!type.valid() || !space.valid()) damaged(what, "reading the attribute's type");
            const Id memory(H5Tget_native_type(type.get(), H5T_DIR_ASCEND), H5Tclose);
            if (!memory.valid()) damaged(what, "reading the attribute's type");
            const std::uint64_t bytes = byte_count(space.get(), memory.get(), what);
            if (bytes == 0 || bytes > kMaxAttributeBytes) continue;
            std::vector<unsigned char> buffer(static_cast<std::size_t>(bytes));
            if (H5Aread(attribute.get(), memory.get(), buffer.data()) < 0)
                damaged(what, "reading the attribute's value");
            H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, buffer.data());
            counts_.bytes += bytes;
        }
    }

    // Bytes of `space`'s points in `memory`'s type; the maximum when they would overflow.
    std::uint64_t byte_count(hid_t space, hid_t memory, const std::string& where) const {
        const hssize_t points = H5Sget_simple_extent_npoints(space);
        const std::size_t size = H5Tget_size(memory);
        if (points < 0 || size == 0) damaged(where, "reading the shape");
        const auto n = static_cast<std::uint64_t>(points);
        if (n != 0 && size > std::numeric_limits<std::uint64_t>::max() / n)
            return std::numeric_limits<std::uint64_t>::max();
        return n * size;
    }

    void dataset(hid_t ds, const std::string& where) {
        const Id type(H5Dget_type(ds), H5Tclose);
        const Id space(H5Dget_space(ds), H5Sclose);
        const Id plist(H5Dget_create_plist(ds), H5Pclose);
        if (!type.valid() || !space.valid() || !plist.valid())
            damaged(where, "reading the dataset's type, shape or storage");
        const Id memory(H5Tget_native_type(type.get(), H5T_DIR_ASCEND), H5Tclose);
        if (!memory.valid()) damaged(where, "reading the dataset's type");
        const H5S_class_t kind = H5Sget_simple_extent_type(space.get());
        if (kind == H5S_NULL) return;
        if (kind != H5S_SIMPLE && kind != H5S_SCALAR) damaged(where, "reading the dataset's shape");
        const std::uint64_t bytes = byte_count(space.get(), memory.get(), where);
        if (bytes == 0 || bytes > kMaxDatasetBytes) return;
        if (at_) at_("the values of " + where);
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank < 0 || rank > H5S_MAX_RANK) damaged(where, "reading the dataset's shape");
        if (rank == 0) {
            read_block(ds, memory.get(), H5S_ALL, H5S_ALL, bytes, where);
            return;
        }
        std::array<hsize_t, H5S_MAX_RANK> dims{};
        H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
        hsize_t rows = dims[0];
        if (!series_values_ && bulk_dataset(where)) {
            // The commands that read only /summary and /design: one row read, to check the
            // dataset opens and decompresses.
            rows = std::min<hsize_t>(rows, 1);
        }
        // Blocks of whole rows along the first axis: one row at least, however wide.
        const std::uint64_t row_bytes = bytes / dims[0];
        const hsize_t rows_per_block = std::max<hsize_t>(1, kBlockBytes / row_bytes);
        std::array<hsize_t, H5S_MAX_RANK> start{}, count = dims;
        for (hsize_t first = 0; first < rows; first += rows_per_block) {
            start[0] = first;
            count[0] = std::min(rows_per_block, rows - first);
            const Id file_space(H5Scopy(space.get()), H5Sclose);
            const Id memory_space(H5Screate_simple(rank, count.data(), nullptr), H5Sclose);
            if (!file_space.valid() || !memory_space.valid() ||
                H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                    count.data(), nullptr) < 0)
                damaged(where, "selecting rows of the dataset");
            read_block(ds, memory.get(), memory_space.get(), file_space.get(), count[0] * row_bytes,
                       where);
        }
    }

    void read_block(hid_t ds, hid_t memory, hid_t memory_space, hid_t file_space,
                    std::uint64_t bytes, const std::string& where) {
        std::vector<unsigned char> buffer(static_cast<std::size_t>(bytes));
        if (H5Dread(ds, memory, memory_space, file_space, H5P_DEFAULT, buffer.data()) < 0)
            damaged(where, "reading the dataset's values");
        // Variable-length strings and sequences (the dates, the design's texts) were read into
        // memory of HDF5's: given back, after a look at each, as the readers copy them.
        if (memory_space == H5S_ALL) {
            const Id all(H5Dget_space(ds), H5Sclose);
            H5Dvlen_reclaim(memory, all.get(), H5P_DEFAULT, buffer.data());
        } else {
            H5Dvlen_reclaim(memory, memory_space, H5P_DEFAULT, buffer.data());
        }
        counts_.bytes += bytes;
    }

    std::string path_;
    bool series_values_;
    const std::function<void(const std::string&)>& at_;
    std::set<haddr_t> seen_;
    InspectionCounts counts_;
};

} // namespace

InspectionCounts inspect_result_file(const std::string& path, bool series_values,
                                     const std::function<void(const std::string&)>& at) {
    return Walk(path, series_values, at).run();
}

void exercise_readers(const std::string& path) {
    auto quietly = [](auto&& read) {
        try {
            read();
        } catch (const std::exception&) { // refusals are the command's to give
        }
    };
    quietly([&] { read_summary_table(path); });
    quietly([&] {
        const SweepFile sweep(path);
        if (sweep.header().runs > 0) sweep.read(0, 1);
    });
    quietly([&] { read_sweep_summaries(path); });
    quietly([&] {
        const SeriesReader reader(path);
        for (const std::string& series : reader.series())
            if (reader.runs() > 0) reader.read(series, 0, 1);
    });
    quietly([&] { read_posterior(path); });
}

std::string hdf5_call_words(const std::string& detail) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kWords = {{
        {"H5Lexists", "looking up a link"},
        {"H5Literate", "listing a group's members"},
        {"H5Lget_info", "reading a link"},
        {"H5Oget_info", "reading an object's header"},
        {"H5Oopen", "opening an object"},
        {"H5Gopen", "opening a group"},
        {"H5Dopen", "opening a dataset"},
        {"H5Dread_chunk", "reading a stored chunk of a dataset"},
        {"H5Dget_chunk", "finding a stored chunk of a dataset"},
        {"H5Dread", "reading a dataset's values"},
        {"H5Dget_space", "reading a dataset's shape"},
        {"H5Dget_type", "reading a dataset's type"},
        {"H5Aexists", "looking up an attribute"},
        {"H5Aopen", "opening an attribute"},
        {"H5Aread", "reading an attribute's value"},
        {"H5Aget_space", "reading an attribute's shape"},
        {"H5Aget_type", "reading an attribute's type"},
        {"H5Fopen", "opening the file"},
        {"H5Sselect", "selecting rows"},
        {"H5Tget", "reading a type"},
    }};
    for (const auto& [call, words] : kWords)
        if (detail.find(call) != std::string::npos) return std::string(words);
    return "reading its structure";
}

} // namespace rotsim
