#include "analysis/reduction.hpp"
#include "analysis/statistics.hpp"
#include "arguments.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "ensemble/design.hpp"
#include "input_check.hpp"
#include "io/hdf5_reader.hpp"
#include "io/reduced_file.hpp"
#include "io/sweep_file.hpp"
#include "io/writer_lock.hpp"
#include "metric_names.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "number_text.hpp"
#include "read_watchdog.hpp"
#include "sim/derived.hpp"
#include "stop_signals.hpp"
#include "summarize_inputs.hpp"
#include "text_table.hpp"

#include <array>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace po = boost::program_options;

namespace rotsim::cli {
namespace {

constexpr std::array<const char*, 6> kColumns = {"metric", "mean", "sd", "p5", "p50", "p95"};

SummaryTable read_with_watchdog(const std::string& path) {
    const ReadWatchdog watchdog("summarize", path);
    SummaryTable table = read_summary_table(path);
    append_derived_summaries(table.names, table.values);
    drop_coordinates(table.names, table.values);
    for (ContingentSummary& c : table.contingents) {
        append_derived_summaries(c.names, c.values);
        drop_coordinates(c.names, c.values);
    }
    return table;
}

// Tab-separated, so that the formulas' commas stay; rotsim-plot --list-metrics prints the same
// lines from its own table, and a test compares the two.
void list_derived_metrics(std::ostream& out) {
    out << "name\tkind\tunits\tformula\n";
    for (const DerivedMetric& m : derived_metrics())
        out << m.name << '\t' << (m.kind == DerivedKind::summary ? "summary" : "series") << '\t'
            << m.units << '\t' << m.formula << '\n';
}

// The statistics of one metric's values across runs, as the columns after its name.
std::vector<std::string> statistics(const std::vector<double>& values, bool csv) {
    const Moments mo = moments(values);
    const std::array<double, 5> numbers = {mo.mean, mo.sd, quantile(values, 0.05),
                                           quantile(values, 0.50), quantile(values, 0.95)};
    std::vector<std::string> cells;
    cells.reserve(numbers.size());
    for (const double x : numbers)
        cells.push_back(csv ? exact(x) : readable(x));
    return cells;
}

// One table over the runs: the totals' metrics (`names`, `values`), or a contingent's.
TextTable pooled(const std::vector<std::string>& names,
                 const std::vector<std::vector<double>>& values,
                 const std::vector<std::string>& metrics, bool csv) {
    TextTable out;
    out.header.assign(kColumns.begin(), kColumns.end());
    for (std::size_t m = 0; m < names.size(); ++m) {
        if (!metrics.empty() &&
            std::find(metrics.begin(), metrics.end(), names[m]) == metrics.end())
            continue;
        std::vector<std::string> row{names[m]};
        for (std::string& cell : statistics(values[m], csv))
            row.push_back(std::move(cell));
        out.rows.push_back(std::move(row));
    }
    return out;
}

// What the CSV of a file of contingents calls the totals: parentheses are never in a contingent's
// name, so the label cannot be taken for one.
constexpr const char* kTotalLabel = "(total)";

// --contingent: the contingents asked for, in the file's order; all of them without the option.
std::vector<const ContingentSummary*> chosen_contingents(const po::variables_map& vm,
                                                         const SummaryTable& table,
                                                         const std::string& path) {
    std::vector<const ContingentSummary*> chosen;
    if (!vm.count("contingent")) {
        for (const ContingentSummary& c : table.contingents)
            chosen.push_back(&c);
        return chosen;
    }
    if (table.sweep)
        throw InputError("--contingent: '" + path +
                         "' is a sweep file, which stores the totals only; run a point with "
                         "'rotsim run' to split it by contingent");
    if (table.contingents.empty())
        throw InputError("--contingent: '" + path +
                         "' has no contingents (its scenario has no [contingent.NAME] sections)");
    std::vector<std::string> names;
    for (const ContingentSummary& c : table.contingents)
        names.push_back(c.name);
    std::vector<bool> wanted(names.size(), false);
    for (const std::string& list : vm["contingent"].as<std::vector<std::string>>())
        for (const std::string& name : comma_list(list)) {
            const auto at = std::find(names.begin(), names.end(), name);
            if (at == names.end()) {
                std::string message = "--contingent '" + name + "': no such contingent in '";
                message += path;
                message += "'; did you mean '" + closest(name, names) + "'?";
                throw InputError(message);
            }
            wanted[static_cast<std::size_t>(at - names.begin())] = true;
        }
    for (std::size_t k = 0; k < names.size(); ++k)
        if (wanted[k]) chosen.push_back(&table.contingents[k]);
    return chosen;
}

// A run file of contingents: the totals (unless --contingent picks some), then each chosen
// contingent's own table. CSV: one table, its first column the contingent or (total).
void print_contingents(const SummaryTable& table,
                       const std::vector<const ContingentSummary*>& chosen, bool with_total,
                       const std::vector<std::string>& metrics, bool csv) {
    if (csv) {
        TextTable all;
        all.header = {"contingent"};
        all.header.insert(all.header.end(), kColumns.begin(), kColumns.end());
        all.left_aligned = 2;
        auto add = [&](const std::string& label, const TextTable& part) {
            for (const auto& row : part.rows) {
                std::vector<std::string> cells{label};
                cells.insert(cells.end(), row.begin(), row.end());
                all.rows.push_back(std::move(cells));
            }
        };
        if (with_total) add(kTotalLabel, pooled(table.names, table.values, metrics, true));
        for (const ContingentSummary* c : chosen)
            add(c->name, pooled(c->names, c->values, metrics, true));
        all.print_csv(std::cout);
        return;
    }
    if (with_total) {
        std::cout << "total: all " << table.contingents.size() << " contingents\n";
        pooled(table.names, table.values, metrics, false).print(std::cout);
    }
    for (const ContingentSummary* c : chosen) {
        if (with_total || c != chosen.front()) std::cout << '\n';
        std::cout << "contingent " << c->name << " (hazard multiplier "
                  << readable(c->hazard_multiplier) << ")\n";
        pooled(c->names, c->values, metrics, false).print(std::cout);
    }
}

// Per design point of a sweep: the point's key values, its finished runs, then the statistics.
// Failed and unfinished runs are left out (their summaries are NaN).
TextTable per_point(const std::string& path, const std::string& metric, bool csv,
                    const SweepSummaries& sweep) {
    TextTable out;
    out.header = {"point"};
    for (const std::string& key : sweep.sweep.keys)
        out.header.push_back(key);
    out.left_aligned = out.header.size();
    out.header.emplace_back("runs");
    if (csv) out.header.emplace_back("metric");
    for (std::size_t i = 1; i < kColumns.size(); ++i)
        out.header.emplace_back(kColumns[i]);
    const auto m = static_cast<std::size_t>(
        std::find(sweep.metrics.begin(), sweep.metrics.end(), metric) - sweep.metrics.begin());
    if (m == sweep.metrics.size())
        throw InputError("cannot read sweep file '" + path + "': no /summary/" + metric);
    std::vector<std::vector<double>> values(static_cast<std::size_t>(sweep.sweep.points));
    for (std::size_t row = 0; row < sweep.point.size(); ++row)
        if (sweep.status[row] == RunStatus::done)
            values[static_cast<std::size_t>(sweep.point[row])].push_back(sweep.values[m][row]);
    for (std::size_t p = 0; p < values.size(); ++p) {
        std::vector<std::string> row{std::to_string(p)};
        for (const auto& key_texts : sweep.sweep.texts)
            row.push_back(key_texts[p]);
        row.push_back(std::to_string(values[p].size()));
        if (csv) row.push_back(metric);
        for (std::string& cell : statistics(values[p], csv))
            row.push_back(std::move(cell));
        out.rows.push_back(std::move(row));
    }
    return out;
}

// An expected-value file (rotsim expect) holds one row, the model's expectation: printed as it
// is, since a standard deviation or percentiles over one row would only say 0 and repeat it.
void print_expected_values(const std::string& path, const SummaryTable& table,
                           const std::vector<std::string>& metrics, bool csv) {
    TextTable out;
    out.header = {"metric", "expected"};
    for (std::size_t m = 0; m < table.names.size(); ++m) {
        if (!metrics.empty() &&
            std::find(metrics.begin(), metrics.end(), table.names[m]) == metrics.end())
            continue;
        const double value = table.values[m].empty() ? std::nan("") : table.values[m][0];
        out.rows.push_back({table.names[m], csv ? exact(value) : readable(value)});
    }
    if (csv) {
        out.print_csv(std::cout);
        return;
    }
    std::cout << path << ": expected values, not runs (" << table.expectation << "), rotsim "
              << table.engine_version << "\n\n";
    out.print(std::cout);
}

// "200 runs, seed 1, rotsim 1.2"; of an interrupted run, how many rows its statistics cover.
std::string runs_text(const SummaryTable& table) {
    std::string text = std::to_string(table.runs) + " runs";
    if (table.rows_written >= 0 && table.rows_written < table.runs)
        text = std::to_string(table.rows_written) + " of " + text +
               " written (the run was interrupted; the statistics are over those written)";
    return text + ", seed " + std::to_string(table.seed) + ", rotsim " + table.engine_version;
}

std::vector<std::string> chosen_metrics(const po::variables_map& vm,
                                        const std::vector<std::string>& names,
                                        const std::string& path) {
    std::vector<std::string> chosen;
    if (vm.count("metric"))
        for (const std::string& list : vm["metric"].as<std::vector<std::string>>())
            for (const std::string& name : comma_list(list)) {
                if (std::find(names.begin(), names.end(), name) == names.end()) {
                    std::string message = "--metric '" + name + "': no such summary metric in '";
                    message += path;
                    message += "'; did you mean '" + closest(name, names) + "'?";
                    throw InputError(message);
                }
                chosen.push_back(name);
            }
    return chosen;
}

int reduce(const std::string& path, bool overwrite, bool quiet, const std::string& command) {
    // One writer per file: a second --reduce or a sensitivity storing into it is refused now.
    const WriterLock lock(path);
    const RemovedOnStop interrupted({lock.lock_path(), reduction_copy_path(path)});
    // The checks a user would otherwise wait for the whole reduction to meet.
    if (!overwrite && has_reduction(path))
        throw InputError("'" + path + "' holds /reduced already (from an earlier 'rotsim " +
                         "summarize --reduce'); give --overwrite to replace it");
    const auto start = std::chrono::steady_clock::now();
    Reduction reduction = reduce_runs(path, kReductionQuantiles);
    reduction.command_line = command;
    store_reduction(path, reduction, overwrite);
    if (quiet) return 0;
    std::int64_t runs = 0;
    for (const std::int64_t n : reduction.runs)
        runs += n;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: stored /reduced: per-tick mean and 5/25/50/75/95 %% quantiles of %zu series "
                "over %lld finished runs%s, %lld ticks, in %.2f s\n",
                path.c_str(), reduction.series.size(), static_cast<long long>(runs),
                reduction.grouping == "point"
                    ? (", per design point (" + std::to_string(reduction.runs.size()) + ")").c_str()
                    : "",
                static_cast<long long>(reduction.ticks), seconds);
    return 0;
}

} // namespace

int summarize_command(int argc, char** argv) {
    // Laid out as every command's help: the synopsis, the options, then what the command does.
    po::options_description visible("rotsim summarize FILE.h5 [options]");
    visible.add_options()("help,h", "describe the options")(
        "csv", "print comma-separated values with a header row")(
        "metric", po::value<std::vector<std::string>>()->composing(),
        "only these summary metrics, derived ones included (comma-separated, repeatable)")(
        "pooled", "sweep files: one table over every finished run, not one row per point")(
        "contingent", po::value<std::vector<std::string>>()->composing(),
        "run files of contingents: only these contingents' tables, not the totals "
        "(comma-separated, repeatable)")(
        "per-point", "files of drawn inputs (priors, posterior): a row per point, not the "
                     "combined band and its variance split")(
        "reduce", "store per-tick mean and 5/25/50/75/95 % quantiles of every time series "
                  "under /reduced (per design point in a sweep file), for plots of large files")(
        "overwrite", "with --reduce: replace an existing /reduced")("quiet,q",
                                                                    "with --reduce: print nothing");
    visible.add_options()("list-metrics",
                          "print the derived metrics, computed on read from the stored ones: "
                          "name, kind, units and numpy formula (docs/hdf5-schema.md)");
    const char* about =
        "\nMean, standard deviation and 5/50/95th percentiles over the runs of every summary\n"
        "metric in a run file; for a sweep file, of each design point (--pooled: over all its\n"
        "runs); for an expected-value file (rotsim expect), the expected values. --reduce\n"
        "stores per-tick bands of every time series in the file instead; --list-metrics\n"
        "takes no file.\n\n"
        "A run file of a scenario with [contingent.NAME] sections: the totals (all contingents\n"
        "together), then one table per contingent over the same runs (--contingent: only those\n"
        "contingents' tables); with --csv, one table whose first column is the contingent, or\n"
        "(total) for the totals. Sweep files store the totals only: run a point with\n"
        "'rotsim run' to split it by contingent. 'rotsim compare A.h5 B.h5' compares two files.\n";
    try {
        const po::variables_map vm = parse_arguments(argc, argv, visible, "file");
        if (vm.count("help")) {
            std::cout << visible << about;
            return 0;
        }
        if (vm.count("list-metrics")) {
            if (vm.count("file")) throw InputError("--list-metrics takes no file");
            list_derived_metrics(std::cout);
            return 0;
        }
        if (!vm.count("file")) throw InputError("no file given (try --help)");
        const std::string path = vm["file"].as<std::string>();
        const bool reducing = vm.count("reduce") > 0;
        for (const char* option : {"csv", "metric", "pooled", "per-point", "contingent"})
            if (reducing && vm.count(option))
                throw InputError(std::string("--") + option + " is for the tables, not --reduce");
        for (const char* option : {"overwrite", "quiet"})
            if (!reducing && vm.count(option))
                throw InputError(std::string("--") + option + " is for --reduce");
        check_result_file(path, reducing);
        const SummaryTable table = read_with_watchdog(path);
        if (reducing)
            return reduce(path, vm.count("overwrite") > 0, vm.count("quiet") > 0,
                          command_line_of(argc, argv));
        const bool csv = vm.count("csv") > 0;
        const std::vector<std::string> metrics = chosen_metrics(vm, table.names, path);
        const std::vector<const ContingentSummary*> contingents =
            chosen_contingents(vm, table, path);
        if (!table.expectation.empty()) {
            print_expected_values(path, table, metrics, csv);
            return 0;
        }
        if (!table.sweep || vm.count("pooled")) {
            if (!csv) std::cout << path << ": " << runs_text(table) << "\n\n";
            if (!table.contingents.empty()) {
                print_contingents(table, contingents, !vm.count("contingent"), metrics, csv);
                return 0;
            }
            const TextTable out = pooled(table.names, table.values, metrics, csv);
            csv ? out.print_csv(std::cout) : out.print(std::cout);
            return 0;
        }
        SweepSummaries sweep;
        {
            const ReadWatchdog watchdog("summarize", path);
            sweep = read_sweep_summaries(path);
        }
        drop_coordinates(sweep.metrics, sweep.values);
        if (!csv)
            std::cout << path << ": " << sweep.sweep.kind << " sweep, " << sweep.sweep.points
                      << " points x " << sweep.sweep.replications << " replications, seed "
                      << table.seed << ", rotsim " << table.engine_version << '\n';
        if (drawn_inputs(sweep.sweep.kind) && !vm.count("per-point")) {
            print_input_uncertainty(std::cout, sweep, metrics, csv);
            return 0;
        }
        bool first = true;
        for (const std::string& metric : metrics.empty() ? table.names : metrics) {
            const TextTable out = per_point(path, metric, csv, sweep);
            if (csv) {
                out.print_csv(std::cout, first);
            } else {
                std::cout << '\n' << metric << '\n';
                out.print(std::cout);
            }
            first = false;
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
