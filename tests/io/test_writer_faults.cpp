// What the writer leaves behind when it cannot finish: a file appears under its name only once
// complete, a file it replaces survives every failure, and a full disk is an error naming the
// system's reason (docs/reliability.md).
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"
#include "model/error.hpp"

#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <stdexcept>

using namespace rotsim;
using namespace rotsim::test;
using Catch::Matchers::Contains;

namespace {

RunFileHeader header_of(std::int64_t runs, int ticks) {
    RunFileHeader h;
    h.scenario_text = "[run]\nhorizon_days = " + std::to_string(ticks) + "\n";
    h.ticks = ticks;
    h.start_date = "2024-10-01";
    h.runs = runs;
    h.command_line = "test";
    return h;
}

void write_rows(ResultWriter& writer, std::int64_t runs, int ticks) {
    for (std::int64_t row = 0; row < runs; ++row)
        writer.write(make_result(row, ticks, false), row);
}

std::size_t entries(const TempDir& dir) {
    const std::filesystem::path folder = std::filesystem::path(dir.file("x")).parent_path();
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder))
        ++n;
    return n;
}

// A file size limit for this process while it lives, with SIGXFSZ ignored so that a write past
// it fails with EFBIG, as on a full disk, instead of killing the test.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &saved_);
        rlimit limit = saved_;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit saved_{};
    void (*old_handler_)(int) = nullptr;
};

} // namespace

TEST_CASE("a run file appears under its name only when closed", "[io][faults]") {
    TempDir dir;
    const std::string path = dir.file("run.h5");
    ResultWriter writer(path, header_of(3, 5), false);
    write_rows(writer, 3, 5);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(entries(dir) == 2); // the temporary file and the writer's lock file
    writer.close();
    CHECK(read_summary_table(path).runs == 3);
    CHECK(entries(dir) == 1);
}

TEST_CASE("a replaced file survives a run that throws before closing", "[io][faults]") {
    TempDir dir;
    const std::string path = dir.file("run.h5");
    {
        ResultWriter old(path, header_of(2, 5), false);
        write_rows(old, 2, 5);
        old.close();
    }
    try {
        ResultWriter writer(path, header_of(4, 5), true);
        write_rows(writer, 3, 5);
        throw std::runtime_error("a replication failed");
    } catch (const std::runtime_error&) {
    }
    CHECK(read_summary_table(path).runs == 2);
    CHECK(entries(dir) == 1); // no temporary file left
}

TEST_CASE("a device is never written, even with overwrite", "[io][faults]") {
    CHECK_THROWS_WITH(ResultWriter("/dev/null", header_of(1, 5), true),
                      Contains("/dev/null") && Contains("not a regular file"));
}

TEST_CASE("a full disk is an error naming the file and the reason, and leaves no file",
          "[io][faults]") {
    TempDir dir;
    const std::string path = dir.file("full.h5");
    const std::string old = dir.file("old.h5");
    for (const bool replace : {false, true}) {
        const std::string target = replace ? old : path;
        if (replace) {
            ResultWriter writer(old, header_of(2, 5), false);
            write_rows(writer, 2, 5);
            writer.close();
        }
        const FileSizeLimit limit(64 * 1024);
        std::string message;
        try {
            ResultWriter writer(target, header_of(400, 365), replace);
            write_rows(writer, 400, 365);
            writer.close();
        } catch (const InputError& e) {
            message = e.what();
        }
        CHECK_THAT(message, Contains(target) && Contains("file size limit"));
        CHECK_THAT(message,
                   Contains(replace ? "the existing file is unchanged" : "no file was made"));
    }
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(read_summary_table(old).runs == 2);
    CHECK(entries(dir) == 1);
}
