// libFuzzer target: the HDF5 readers behind `rotsim summarize` (read_summary_table) and the
// series reader (read_series) on arbitrary bytes: truncated, corrupt, foreign, wrong-typed and
// wrong-shaped files. Each must read or throw InputError naming the file; anything else is a bug.
#include "io/hdf5_reader.hpp"
#include "model/error.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

// One scratch file per process, rewritten for every input and removed at exit.
class ScratchFile {
public:
    ScratchFile() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "rotsim_fuzz_XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) {
            std::perror("mkstemp");
            std::abort();
        }
        close(fd);
        path_ = pattern;
    }
    ~ScratchFile() { std::remove(path_.c_str()); }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    const std::string& write(const std::uint8_t* data, std::size_t size) const {
        std::FILE* f = std::fopen(path_.c_str(), "wb");
        if (f == nullptr || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) {
            std::perror(path_.c_str());
            std::abort();
        }
        return path_;
    }

private:
    std::string path_;
};

std::uint64_t little_endian(const std::uint8_t* p, std::size_t bytes) {
    std::uint64_t value = 0;
    for (std::size_t k = bytes; k-- > 0;)
        value = value << 8 | p[k];
    return value;
}

// A known defect of HDF5 1.10 (Debian 12's 1.10.8), not of rotsim: a global heap collection
// ("GCOL") holding a free-space entry (index 0) of size 0 sends the library's heap decoder
// (H5HG__cache_heap_deserialize) into an endless loop when a variable-length string in it is
// read. rotsim summarize gives up on such a file after a timeout (cmd_summarize.cpp, tested with
// corpus/fuzz_hdf5/libhdf5_hang_global_heap.hdf5); here such inputs are skipped, so that the fuzzer
// looks for defects rotsim can fix. Every size of lengths HDF5 allows (2, 4, 8, 16) is tried.
bool has_endless_global_heap(const std::uint8_t* data, std::size_t size) {
    for (std::size_t at = 0; at + 8 <= size; ++at) {
        if (std::memcmp(data + at, "GCOL", 4) != 0) continue;
        for (const std::size_t lengths : {2, 4, 8, 16}) {
            const std::size_t header = 8 + lengths;
            if (at + header > size) continue;
            const std::uint64_t claimed =
                little_endian(data + at + 8, std::min<std::size_t>(lengths, 8));
            const std::size_t end =
                claimed > size - at ? size : at + static_cast<std::size_t>(claimed);
            std::size_t p = at + header;
            const std::size_t object_header = 8 + lengths;
            while (p + object_header <= end) {
                const auto index = little_endian(data + p, 2);
                const std::uint64_t length =
                    little_endian(data + p + 8, std::min<std::size_t>(lengths, 8));
                if (index == 0 && length == 0) return true;
                const std::uint64_t step =
                    index == 0 ? length : object_header + ((length + 7) & ~std::uint64_t{7});
                if (step == 0 || step > end - p) break;
                p += static_cast<std::size_t>(step);
            }
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (has_endless_global_heap(data, size)) return 0;
    static const ScratchFile scratch;
    const std::string& path = scratch.write(data, size);
    try {
        const rotsim::SummaryTable table = rotsim::read_summary_table(path);
        if (table.names.size() != table.values.size()) std::abort();
        for (const auto& column : table.values)
            if (static_cast<std::int64_t>(column.size()) != table.runs) std::abort();
    } catch (const rotsim::InputError&) {
    }
    try {
        const rotsim::SeriesTable series = rotsim::read_series(path, "served");
        if (static_cast<std::int64_t>(series.values.size()) != series.runs * series.ticks)
            std::abort();
    } catch (const rotsim::InputError&) {
    }
    return 0;
}
