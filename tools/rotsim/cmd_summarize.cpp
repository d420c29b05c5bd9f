#include "analysis/statistics.hpp"
#include "arguments.hpp"
#include "commands.hpp"
#include "io/hdf5_reader.hpp"
#include "model/error.hpp"

#include <array>
#include <boost/program_options.hpp>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace po = boost::program_options;

namespace rotsim::cli {
namespace {

constexpr std::array<const char*, 6> kColumns = {"metric", "mean", "sd", "p5", "p50", "p95"};

// Shortest text that reads back to the same double: CSV is for further analysis.
std::string exact(double value) {
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

// Six significant digits, but never exponents for the large USD totals: 264,000,000 reads better
// than 2.64e+08, and the thousands separators keep head counts legible.
std::string readable(double value) {
    if (!std::isfinite(value) || std::fabs(value) >= 1e15 || std::fabs(value) < 1.0) {
        char text[32];
        std::snprintf(text, sizeof text, "%.6g", value);
        return text;
    }
    const int digits = static_cast<int>(std::floor(std::log10(std::fabs(value)))) + 1;
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", std::max(0, 6 - digits), value);
    std::string fixed = text;
    std::string::size_type point = fixed.find('.');
    if (point != std::string::npos) {
        while (fixed.back() == '0')
            fixed.pop_back();
        if (fixed.back() == '.') fixed.pop_back();
    }
    point = std::min(fixed.find('.'), fixed.size());
    const std::string::size_type first_digit = fixed[0] == '-' ? 1 : 0;
    for (auto i = point; i > first_digit + 3; i -= 3)
        fixed.insert(i - 3, ",");
    return fixed;
}

// HDF5 1.10 can loop forever inside the library on some damaged files (a global heap whose
// free-space entry has size 0: fuzz_hdf5 found it, tests/fuzz/corpus/fuzz_hdf5/
// libhdf5_hang_global_heap.hdf5). No call into HDF5 can be abandoned, so a file whose reading has
// not finished after this long is declared damaged and the process exits. The reader reads at
// most 1 GiB of values, which takes seconds; ROTSIM_READ_TIMEOUT (seconds) overrides it.
constexpr int kReadTimeoutSeconds = 120;

class ReadWatchdog {
public:
    explicit ReadWatchdog(std::string path) : path_(std::move(path)) {
        int seconds = kReadTimeoutSeconds;
        if (const char* text = std::getenv("ROTSIM_READ_TIMEOUT")) {
            int value = 0;
            const char* end = text + std::strlen(text);
            if (std::from_chars(text, end, value).ptr == end && value > 0) seconds = value;
        }
        thread_ = std::thread([this, seconds] {
            std::unique_lock lock(mutex_);
            if (done_.wait_for(lock, std::chrono::seconds(seconds), [this] { return finished_; }))
                return;
            std::fprintf(
                stderr,
                "rotsim summarize: cannot read run file '%s': reading did not finish in "
                "%d s; the file is damaged (HDF5 can loop forever on some damaged files)\n",
                path_.c_str(), seconds);
            std::fflush(stderr);
            std::_Exit(2);
        });
    }
    ~ReadWatchdog() {
        {
            const std::lock_guard lock(mutex_);
            finished_ = true;
        }
        done_.notify_one();
        thread_.join();
    }
    ReadWatchdog(const ReadWatchdog&) = delete;
    ReadWatchdog& operator=(const ReadWatchdog&) = delete;

private:
    std::string path_;
    std::mutex mutex_;
    std::condition_variable done_;
    bool finished_ = false;
    std::thread thread_;
};

SummaryTable read_with_watchdog(const std::string& path) {
    const ReadWatchdog watchdog(path);
    return read_summary_table(path);
}

using Row = std::array<std::string, kColumns.size()>;

std::vector<Row> summarize(const SummaryTable& table, bool csv) {
    std::vector<Row> rows;
    for (std::size_t m = 0; m < table.names.size(); ++m) {
        const std::vector<double>& values = table.values[m];
        const Moments mo = moments(values);
        const std::array<double, 5> numbers = {mo.mean, mo.sd, quantile(values, 0.05),
                                               quantile(values, 0.50), quantile(values, 0.95)};
        Row row;
        row[0] = table.names[m];
        for (std::size_t i = 0; i < numbers.size(); ++i)
            row[i + 1] = csv ? exact(numbers[i]) : readable(numbers[i]);
        rows.push_back(row);
    }
    return rows;
}

void print_csv(const std::vector<Row>& rows) {
    for (std::size_t i = 0; i < kColumns.size(); ++i)
        std::cout << (i ? "," : "") << kColumns[i];
    std::cout << '\n';
    for (const Row& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i)
            std::cout << (i ? "," : "") << row[i];
        std::cout << '\n';
    }
}

void print_table(const std::vector<Row>& rows) {
    std::array<std::size_t, kColumns.size()> width{};
    for (std::size_t i = 0; i < kColumns.size(); ++i)
        width[i] = std::string(kColumns[i]).size();
    for (const Row& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    auto print = [&](const Row& row) {
        std::string line = row[0] + std::string(width[0] - row[0].size(), ' ');
        for (std::size_t i = 1; i < row.size(); ++i)
            line += "  " + std::string(width[i] - row[i].size(), ' ') + row[i];
        std::cout << line << '\n';
    };
    Row header;
    for (std::size_t i = 0; i < kColumns.size(); ++i)
        header[i] = kColumns[i];
    print(header);
    for (const Row& row : rows)
        print(row);
}

} // namespace

int summarize_command(int argc, char** argv) {
    po::options_description visible(
        "Usage: rotsim summarize FILE.h5 [--csv]\n\n"
        "Mean, standard deviation and 5/50/95th percentiles over the runs"
        "\nof every summary metric in a run file.\n\nOptions");
    visible.add_options()("csv", "print comma-separated values with a header row")(
        "help,h", "show this help");
    try {
        const po::variables_map vm = parse_arguments(argc, argv, visible, "file");
        if (vm.count("help")) {
            std::cout << visible << '\n';
            return 0;
        }
        if (!vm.count("file")) throw InputError("no run file given (try --help)");
        const std::string path = vm["file"].as<std::string>();
        const SummaryTable table = read_with_watchdog(path);
        const bool csv = vm.count("csv") > 0;
        const std::vector<Row> rows = summarize(table, csv);
        if (csv) {
            print_csv(rows);
        } else {
            std::cout << path << ": " << table.runs << " runs, seed " << table.seed << ", rotsim "
                      << table.engine_version << "\n\n";
            print_table(rows);
        }
        return 0;
    } catch (const po::error& e) {
        std::cerr << "rotsim summarize: " << e.what() << '\n';
    } catch (const InputError& e) {
        std::cerr << "rotsim summarize: " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "rotsim summarize: internal error: " << e.what() << '\n';
    }
    return 2;
}

} // namespace rotsim::cli
