// The run-file reader on hostile and damaged files (docs/reliability.md): every one refused with
// an InputError naming the file, in bounded time and memory. Several were found by fuzz_hdf5 and
// are kept in tests/fuzz/corpus/fuzz_hdf5/.
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"
#include "model/error.hpp"

#include <H5Cpp.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

using namespace rotsim;
using namespace rotsim::test;
using Catch::Matchers::Contains;

namespace {

const std::string kCorpus = std::string(ROTSIM_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_hdf5/";

std::string write_run_file(const TempDir& dir) {
    const std::string path = dir.file("run.h5");
    RunFileHeader header;
    header.scenario_text = "[run]\nhorizon_days = 4\n";
    header.seed = 3;
    header.ticks = 4;
    header.start_date = "2024-10-01";
    header.runs = 2;
    ResultWriter writer(path, header, false);
    for (std::int64_t row = 0; row < 2; ++row)
        writer.write(make_result(row, 4, false), row);
    writer.close();
    return path;
}

} // namespace

TEST_CASE("a file that claims more values than the reader's limit is refused before reading",
          "[io][limits]") {
    // 2^32 runs in chunked datasets never written: the file is 6 KiB, the claim 32 GiB.
    const std::string path = kCorpus + "unwritten_huge_dataset.hdf5";
    CHECK_THROWS_WITH(read_summary_table(path),
                      Contains(path) &&
                          Contains("dataset /summary/served has shape (4294967296)") &&
                          Contains("limit of 134217728 (1 GiB)"));
    CHECK_THROWS_WITH(read_series(path, "served"), Contains("limit of 134217728"));
}

TEST_CASE("a damaged superblock is refused at once, not after HDF5's retries", "[io][limits]") {
    const auto start = std::chrono::steady_clock::now();
    const std::string path = kCorpus + "regression_superblock_checksum_retries.hdf5";
    CHECK_THROWS_WITH(read_summary_table(path), Contains(path) && Contains("damaged"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("a null variable-length string reads as empty, not as an internal error", "[io]") {
    TempDir dir;
    const std::string path = write_run_file(dir);
    {
        H5::H5File file(path, H5F_ACC_RDWR);
        file.removeAttr("engine_version");
        const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
        H5::Attribute attribute =
            file.createAttribute("engine_version", type, H5::DataSpace(H5S_SCALAR));
        const char* null_text = nullptr;
        attribute.write(type, &null_text);
    }
    const SummaryTable table = read_summary_table(path);
    CHECK(table.engine_version.empty());
    CHECK(table.runs == 2);
}

TEST_CASE("a fixed-length string attribute of absurd size is refused", "[io][limits]") {
    TempDir dir;
    const std::string path = dir.file("huge_text.h5");
    {
        // Attributes over 64 KiB live in dense storage, which the root group only uses when
        // told to from the start.
        H5::FileCreatPropList create;
        if (H5Pset_attr_phase_change(create.getId(), 0, 0) < 0) FAIL("H5Pset_attr_phase_change");
        H5::FileAccPropList access;
        access.setLibverBounds(H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
        H5::H5File file(path, H5F_ACC_TRUNC, create, access);
        const std::int64_t runs = 1;
        file.createAttribute("runs", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
            .write(H5::PredType::NATIVE_INT64, &runs);
        const H5::StrType type(H5::PredType::C_S1, std::size_t{17} << 20);
        file.createAttribute("scenario", type, H5::DataSpace(H5S_SCALAR));
    }
    CHECK_THROWS_WITH(read_summary_table(path),
                      Contains("root attribute 'scenario' claims 17825792 bytes") &&
                          Contains("limit of 16777216"));
}

TEST_CASE("a device or a FIFO is not read", "[io]") {
    CHECK_THROWS_WITH(read_summary_table("/dev/zero"), Contains("not a regular file"));
}
