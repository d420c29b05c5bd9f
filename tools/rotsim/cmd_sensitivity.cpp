#include "analysis/sweep_sensitivity.hpp"
#include "arguments.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "input_check.hpp"
#include "io/sensitivity_file.hpp"
#include "io/writer_lock.hpp"
#include "model/error.hpp"
#include "stop_signals.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace po = boost::program_options;

namespace rotsim::cli {
namespace {

using Row = std::vector<std::string>;

// Shortest text that reads back to the same double: CSV is for further analysis.
std::string exact(double value) {
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

std::string fixed(double value, int decimals = 3) {
    if (!std::isfinite(value)) return "-";
    // Not "-0.000" for a value that rounds to zero.
    if (std::fabs(value) < 0.5 * std::pow(10.0, -decimals)) value = 0.0;
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string interval(const Indices& x, Eigen::Index i) {
    if (!std::isfinite(x.lo(i)) || !std::isfinite(x.hi(i))) return "-";
    return "[" + fixed(x.lo(i)) + ", " + fixed(x.hi(i)) + "]";
}

std::string count(std::int64_t n, const std::string& what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

// Why a metric has no indices, or empty when it has.
std::string no_index(const MetricSensitivity& m) {
    if (m.used == 0) return "(no point has a finite value)";
    if (m.constant) return "(equal at every point: nothing to attribute)";
    return "";
}

Row header(const SweepSensitivity& r, bool csv) {
    if (r.kind == "lhs")
        return csv ? Row{"metric",  "key",     "src",       "src_lo", "src_hi",     "prcc",
                         "prcc_lo", "prcc_hi", "r_squared", "points", "noise_share"}
                   : Row{"metric", "key", "SRC", "95% CI", "PRCC", "95% CI", "R^2", "noise"};
    return csv ? Row{"metric", "key",      "first",    "first_lo",     "first_hi",
                     "total",  "total_lo", "total_hi", "base_samples", "noise_share"}
               : Row{"metric", "key", "S1", "95% CI", "ST", "95% CI", "noise"};
}

Row csv_row(const SweepSensitivity& r, const MetricSensitivity& m, Eigen::Index i) {
    Row row = {m.metric, r.keys[static_cast<std::size_t>(i)]};
    const bool lhs = r.kind == "lhs";
    for (const Indices* x : lhs ? std::vector<const Indices*>{&m.regression.src, &m.regression.prcc}
                                : std::vector<const Indices*>{&m.sobol.first, &m.sobol.total})
        for (double v : {x->value(i), x->lo(i), x->hi(i)})
            row.push_back(exact(v));
    if (lhs) row.push_back(exact(m.regression.r_squared));
    row.push_back(std::to_string(m.used));
    row.push_back(exact(m.noise_share));
    return row;
}

Row table_row(const SweepSensitivity& r, const MetricSensitivity& m, Eigen::Index i) {
    Row row = {i == 0 ? m.metric : "", r.keys[static_cast<std::size_t>(i)]};
    const bool lhs = r.kind == "lhs";
    for (const Indices* x : lhs ? std::vector<const Indices*>{&m.regression.src, &m.regression.prcc}
                                : std::vector<const Indices*>{&m.sobol.first, &m.sobol.total}) {
        row.push_back(fixed(x->value(i)));
        row.push_back(interval(*x, i));
    }
    if (lhs) row.push_back(i == 0 ? fixed(m.regression.r_squared, 2) : "");
    row.push_back(i == 0 ? fixed(m.noise_share, 2) : "");
    return row;
}

void print_rows(const std::vector<Row>& rows, bool csv) {
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const Row& row : rows)
        for (std::size_t i = 0; i < row.size() && row.size() == width.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    for (const Row& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (csv) {
                line += (i ? "," : "") + row[i];
                continue;
            }
            // Names to the left, numbers to the right; a row of one note is not aligned.
            const std::size_t pad = row.size() == width.size() ? width[i] - row[i].size() : 0;
            line += i == 0   ? row[i] + std::string(pad, ' ')
                    : i == 1 ? "  " + row[i] + std::string(pad, ' ')
                             : "  " + std::string(pad, ' ') + row[i];
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        std::cout << line << '\n';
    }
}

void print(const SweepSensitivity& r, const std::string& path, bool csv) {
    std::vector<Row> rows = {header(r, csv)};
    const auto keys = static_cast<Eigen::Index>(r.keys.size());
    for (const MetricSensitivity& m : r.metrics) {
        const std::string note = no_index(m);
        if (!csv && !note.empty()) {
            rows.push_back({m.metric, note});
            continue;
        }
        for (Eigen::Index i = 0; i < keys; ++i)
            rows.push_back(csv ? csv_row(r, m, i) : table_row(r, m, i));
    }
    if (!csv) {
        std::cout << path << ": ";
        if (r.prior_draws)
            std::cout << count(r.points, "point")
                      << " drawn from the priors (a Latin hypercube of their quantiles)";
        else if (r.kind == "lhs")
            std::cout << "Latin hypercube of " << count(r.points, "point");
        else
            std::cout << "Saltelli design of " << count(r.base_samples, "base sample") << " ("
                      << count(r.points, "point") << ")";
        std::cout << " x " << count(r.replications, "replication") << ", " << count(keys, "key")
                  << "\n"
                  << "indices of each summary's mean over a point's replications";
        if (r.kind == "sobol")
            std::cout << "; intervals from " << r.resamples << " bootstrap resamples, seed "
                      << r.seed;
        std::cout << "\n";
        for (const std::string& key : r.left_out)
            std::cout << key
                      << ": a choice of values that are not numbers, left out of the "
                         "indices (its effect counts as noise here; the variance split of "
                         "'rotsim summarize' includes it)\n";
        std::cout << "\n";
    }
    print_rows(rows, csv);
    if (csv) return;
    std::cout << "\n"
              << (r.kind == "lhs"
                      ? "SRC: standardized regression coefficient, meaningful when R^2 (of the "
                        "linear fit) is high;\nPRCC: partial rank correlation coefficient, for "
                        "monotone effects.\n"
                      : "S1: first-order Sobol' index (Saltelli 2010); ST: total index (Jansen "
                        "1999).\n")
              << "noise: share of the point means' variance that is replication noise (beyond "
                 "what\ncommon random numbers make every point share); above about 0.1, more "
                 "replications\nsharpen the indices. docs/sensitivity.md explains each.\n";
}

} // namespace

int sensitivity_command(int argc, char** argv) {
    po::options_description options(
        "Usage: rotsim sensitivity SWEEP.h5 [options]\n\n"
        "Global sensitivity indices of every summary metric on every swept key of a sweep\n"
        "file: SRC and PRCC for --lhs sweeps, Sobol' indices for --sobol sweeps. Prints a\n"
        "table and stores the indices in the file's /sensitivity group (docs/sensitivity.md)."
        "\n\nOptions");
    options.add_options()("help,h", "describe the options")(
        "csv", "print comma-separated values with a header row")(
        "metrics", po::value<std::string>(), "only these summary metrics: NAME,NAME,...")(
        "bootstrap", po::value<int>()->default_value(kDefaultBootstrapResamples),
        "bootstrap resamples for the intervals of Sobol' indices")(
        "seed", po::value<std::string>()->default_value("1"), "seed of the bootstrap resamples")(
        "overwrite", "replace the /sensitivity group the file holds already")(
        "no-store", "only print; leave the file unchanged");
    try {
        const po::variables_map vm = parse_arguments(argc, argv, options, "file");
        if (vm.count("help")) {
            std::cout << options << '\n';
            return 0;
        }
        if (!vm.count("file")) throw InputError("missing SWEEP.h5 (a file of 'rotsim sweep')");
        const std::string path = vm["file"].as<std::string>();
        const int resamples = vm["bootstrap"].as<int>();
        if (resamples < 1 || resamples > 1'000'000)
            throw InputError("--bootstrap must be from 1 to 1000000, got " +
                             std::to_string(resamples));
        const std::uint64_t seed = seed_from("--seed", vm["seed"].as<std::string>());
        const bool store = vm.count("no-store") == 0, overwrite = vm.count("overwrite") > 0;
        // One writer per file: taken before the work, so that a second writer is refused now.
        WriterLock lock;
        if (store) lock = WriterLock(path);
        const RemovedOnStop interrupted({lock.lock_path(), sensitivity_copy_path(path)});
        check_result_file(path);
        const SweepSummaries sweep = read_sweep_summaries(path);
        // Refused before any work, and again when writing (another process may have added it).
        if (store && !overwrite && has_sensitivity(path))
            throw InputError("'" + path +
                             "' holds a /sensitivity group already (from an earlier "
                             "'rotsim sensitivity'); give --overwrite to replace it, or "
                             "--no-store to only print the indices");
        const std::vector<std::string> metrics = vm.count("metrics")
                                                     ? comma_list(vm["metrics"].as<std::string>())
                                                     : std::vector<std::string>{};
        const SweepSensitivity result = sweep_sensitivity(sweep, metrics, resamples, seed);
        for (const MetricSensitivity& m : result.metrics)
            if (m.dropped > 0 && m.used > 0)
                std::cerr << "rotsim sensitivity: note: " << m.metric << ": " << m.dropped
                          << (result.kind == "lhs" ? " points" : " base samples")
                          << " left out, where no replication gave a finite value\n";
        print(result, path, vm.count("csv") > 0);
        if (!store) return 0;
        store_sensitivity(path, sensitivity_record(result, command_line_of(argc, argv)), overwrite);
        std::cerr << "rotsim sensitivity: stored in " << path << ", group /sensitivity\n";
        return 0;
    } catch (const po::error& e) {
        std::cerr << "rotsim sensitivity: " << e.what() << '\n';
    } catch (const InputError& e) {
        std::cerr << "rotsim sensitivity: " << e.what() << '\n';
    } catch (const std::invalid_argument& e) {
        std::cerr << "rotsim sensitivity: " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "rotsim sensitivity: internal error: " << e.what() << '\n';
    }
    return 2;
}

} // namespace rotsim::cli
