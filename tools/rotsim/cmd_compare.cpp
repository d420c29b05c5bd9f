// `rotsim compare A.h5 B.h5`: what changes from scenario A to scenario B, metric by metric, with
// the run-to-run noise of the difference; `rotsim compare SWEEP.h5 --baseline P`: every design
// point against point P.
#include "analysis/compare.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "compare_sweep.hpp"
#include "compare_table.hpp"
#include "io/hdf5_reader.hpp"
#include "metric_names.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "read_watchdog.hpp"
#include "sim/derived.hpp"
#include "sim/stream_version.hpp"
#include "text_table.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace po = boost::program_options;

namespace rotsim::cli {
namespace {

// One file's runs as compare sees them: the summaries, derived metrics included, and which rows
// hold a run.
struct Side {
    std::string path;
    SummaryTable table;
    std::vector<bool> holds_run; // per row: a row an interrupted run never wrote holds none

    bool exact() const { return !table.expectation.empty(); }
    std::int64_t run_count() const { return std::count(holds_run.begin(), holds_run.end(), true); }
    RunKey key(std::size_t row) const {
        return {table.run_seeds[row], holds_run[row] ? table.replications[row] : -1};
    }
};

Side read_side(const std::string& path) {
    Side side{path, {}, {}};
    {
        const ReadWatchdog watchdog("compare", path);
        side.table = read_summary_table(path);
    }
    append_derived_summaries(side.table.names, side.table.values);
    drop_coordinates(side.table.names, side.table.values);
    const auto rows = static_cast<std::size_t>(side.table.runs);
    for (std::size_t r = 0; r < rows; ++r)
        side.holds_run.push_back(side.table.replications.size() != rows ||
                                 side.table.replications[r] >= 0);
    // Without /runs the runs cannot be told apart: they are compared unpaired.
    if (side.table.run_seeds.size() != rows) side.table.run_seeds.assign(rows, 0);
    if (side.table.replications.size() != rows) side.table.replications.assign(rows, -1);
    return side;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

bool holds(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

[[noreturn]] void refuse_unknown(const std::string& name, const std::vector<std::string>& names) {
    throw InputError("--metric '" + name + "': no such summary metric; did you mean '" +
                     closest(name, names) + "'? The metrics: " + joined(names));
}

[[noreturn]] void refuse_one_sided(const std::string& name, const std::string& path) {
    throw InputError("--metric '" + name + "': '" + path + "' has no summary metric '" + name +
                     "' (the other file has)");
}

// --metric, checked against both files; without it, every metric both files hold, in A's order.
std::vector<std::string> compared_metrics(const po::variables_map& vm, const Side& a, const Side& b,
                                          std::vector<std::string>& notes) {
    const std::vector<std::string>& na = a.table.names;
    const std::vector<std::string>& nb = b.table.names;
    std::vector<std::string> chosen;
    if (!vm.count("metric")) {
        std::vector<std::string> only;
        for (const std::string& name : na)
            (holds(nb, name) ? chosen : only).push_back(name);
        for (const std::string& name : nb)
            if (!holds(na, name)) only.push_back(name);
        if (!only.empty())
            notes.push_back("left out, held by one file only: " + joined(only) +
                            " (name them with --metric to see which)");
        return chosen;
    }
    for (const std::string& list : vm["metric"].as<std::vector<std::string>>())
        for (const std::string& name : comma_list(list)) {
            if (!holds(na, name) && !holds(nb, name)) refuse_unknown(name, na);
            for (const Side* side : {&a, &b})
                if (!holds(side->table.names, name)) refuse_one_sided(name, side->path);
            if (!holds(chosen, name)) chosen.push_back(name);
        }
    return chosen;
}

std::vector<double> column(const Side& side, const std::string& metric,
                           const std::vector<std::size_t>& rows) {
    const auto m = static_cast<std::size_t>(
        std::find(side.table.names.begin(), side.table.names.end(), metric) -
        side.table.names.begin());
    std::vector<double> out;
    out.reserve(rows.size());
    for (const std::size_t r : rows)
        out.push_back(side.table.values[m][r]);
    return out;
}

std::vector<std::size_t> rows_with_runs(const std::vector<bool>& holds_run) {
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < holds_run.size(); ++r)
        if (holds_run[r]) rows.push_back(r);
    return rows;
}

// The difference of one metric between two groups of rows, paired where `pairs` is not empty.
Difference difference(const Side& a, const std::vector<std::size_t>& rows_a, const Side& b,
                      const std::vector<std::size_t>& rows_b,
                      const std::vector<std::pair<std::size_t, std::size_t>>& pairs,
                      const std::string& metric) {
    if (pairs.empty())
        return welch_difference(column(a, metric, rows_a), column(b, metric, rows_b), a.exact(),
                                b.exact());
    std::vector<std::size_t> first, second;
    for (const auto& [i, j] : pairs) {
        first.push_back(i);
        second.push_back(j);
    }
    return paired_difference(column(a, metric, first), column(b, metric, second));
}

std::string describe(const Side& side, const char* label) {
    std::string text = std::string(label) + ": " + side.path + ": ";
    if (side.exact()) return text + "expected values (" + side.table.expectation + ")";
    text += std::to_string(side.table.runs) + " runs";
    if (side.run_count() < side.table.runs)
        text += " (" + std::to_string(side.run_count()) + " written)";
    return text + ", seed " + std::to_string(side.table.seed) + ", rotsim " +
           side.table.engine_version;
}

void print_notes(const std::vector<std::string>& notes, bool csv) {
    for (const std::string& note : notes)
        (csv ? std::cerr : std::cout) << (csv ? "rotsim compare: " : "") << note << '\n';
}

int compare_files(const po::variables_map& vm, const std::string& path_a,
                  const std::string& path_b) {
    const bool csv = vm.count("csv") > 0;
    const Side a = read_side(path_a), b = read_side(path_b);
    for (const Side* side : {&a, &b})
        if (side->table.sweep)
            throw InputError("'" + side->path + "' is a sweep file: compare its design points " +
                             "with 'rotsim compare " + side->path + " --baseline POINT'");
    std::vector<std::string> notes;
    const std::vector<std::string> metrics = compared_metrics(vm, a, b, notes);
    if (metrics.empty())
        throw InputError("'" + a.path + "' and '" + b.path + "' share no summary metric");
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    const bool same_streams =
        stream_key_version(a.table.stream_version) == stream_key_version(b.table.stream_version);
    const std::string versions = "A and B were made by random-stream versions " +
                                 std::to_string(a.table.stream_version) + " and " +
                                 std::to_string(b.table.stream_version);
    if (!same_streams)
        notes.push_back(versions +
                        ": a run of one shares no random numbers with any run of the other, so "
                        "they are not paired (docs/model.md 3.3.12)");
    else if (a.table.stream_version != b.table.stream_version)
        notes.push_back(versions +
                        ", which draw the same random numbers for the same seed: paired as runs "
                        "of one version (docs/model.md 3.3.12)");
    if (!a.exact() && !b.exact() && same_streams) {
        std::vector<RunKey> ka, kb;
        for (std::size_t r = 0; r < a.holds_run.size(); ++r)
            ka.push_back(a.key(r));
        for (std::size_t r = 0; r < b.holds_run.size(); ++r)
            kb.push_back(b.key(r));
        pairs = paired_rows(ka, kb);
    }
    const Pairing pairing = a.exact() || b.exact() ? Pairing::exact
                            : pairs.empty()        ? Pairing::welch
                                                   : Pairing::paired;
    for (const auto& [side, label] : {std::pair{&a, "A"}, std::pair{&b, "B"}}) {
        const std::int64_t empty = side->table.runs - side->run_count();
        if (empty > 0)
            notes.push_back(
                std::string(label) + ": skipped " + std::to_string(empty) +
                " rows that hold no run (an interrupted run: " + std::to_string(side->run_count()) +
                " of " + std::to_string(side->table.runs) + " runs written)");
    }
    if (pairing == Pairing::paired) {
        const auto n = static_cast<std::int64_t>(pairs.size());
        notes.insert(notes.begin(), std::to_string(n) + " pairs of runs");
        if (a.run_count() > n || b.run_count() > n)
            notes.push_back("left out, without a partner of the same (seed, replication): " +
                            std::to_string(a.run_count() - n) + " runs of A, " +
                            std::to_string(b.run_count() - n) + " of B");
    }
    const std::vector<std::size_t> rows_a = rows_with_runs(a.holds_run);
    const std::vector<std::size_t> rows_b = rows_with_runs(b.holds_run);
    std::vector<Difference> differences;
    TextTable table;
    table.header = {"metric"};
    for (std::string& h : difference_header(csv))
        table.header.push_back(std::move(h));
    for (const std::string& metric : metrics) {
        differences.push_back(difference(a, rows_a, b, rows_b, pairs, metric));
        std::vector<std::string> row{metric};
        for (std::string& cell : difference_cells(differences.back(), pairing, csv))
            row.push_back(std::move(cell));
        table.rows.push_back(std::move(row));
    }
    const std::string few =
        missing_intervals(metrics, differences, pairing, a.exact() && b.exact());
    if (!few.empty()) notes.push_back(few);
    if (csv) {
        table.print_csv(std::cout);
        print_notes(notes, true);
        return 0;
    }
    std::cout << describe(a, "A") << '\n' << describe(b, "B") << '\n';
    std::cout << pairing_text(pairing) << "\n";
    print_notes(notes, false);
    std::cout << "The interval (95 %) holds the run-to-run noise of the difference of the means, "
                 "not the uncertainty of the inputs.\n\n";
    table.print(std::cout);
    return 0;
}

} // namespace

int compare_command(int argc, char** argv) {
    po::options_description visible("rotsim compare A.h5 B.h5 [options]");
    visible.add_options()("help,h", "describe the options")(
        "csv", "print comma-separated values with a header row")(
        "metric", po::value<std::vector<std::string>>()->composing(),
        "only these summary metrics, derived ones included (comma-separated, repeatable)")(
        "baseline", po::value<std::string>(),
        "with one sweep file: the design point (its row of /design, from 0) the others are "
        "compared with");
    const char* about =
        "\nFor every summary metric (derived ones included), the mean of A, the mean of B, the\n"
        "difference B - A and the percent change, with their 95 % intervals. Runs of A and B\n"
        "with the same (seed, replication) saw the same random numbers and are paired (a paired\n"
        "t interval); otherwise the interval is Welch's. Expected-value files (rotsim expect)\n"
        "give the exact difference. 'rotsim compare SWEEP.h5 --baseline POINT': every design\n"
        "point of a sweep against that point, paired by replication. The intervals hold\n"
        "run-to-run noise only, not input uncertainty (docs/analysis.md).\n";
    try {
        po::options_description all;
        all.add(visible).add_options()("files", po::value<std::vector<std::string>>());
        po::positional_options_description positional;
        positional.add("files", -1);
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << visible << about;
            return 0;
        }
        const std::vector<std::string> files = vm.count("files")
                                                   ? vm["files"].as<std::vector<std::string>>()
                                                   : std::vector<std::string>{};
        if (vm.count("baseline")) {
            if (files.size() != 1)
                throw InputError("--baseline compares the design points of one sweep file; "
                                 "give one file, not " +
                                 std::to_string(files.size()));
            return compare_sweep(vm, files[0]);
        }
        if (files.size() != 2)
            throw InputError("give two files, A.h5 and B.h5 (or one sweep file and --baseline "
                             "POINT), not " +
                             std::to_string(files.size()) + " (try --help)");
        return compare_files(vm, files[0], files[1]);
    } catch (const po::error& e) {
        std::cerr << "rotsim compare: " << e.what() << '\n';
    } catch (const InputError& e) {
        std::cerr << "rotsim compare: " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "rotsim compare: internal error: " << e.what() << '\n';
    }
    return 2;
}

} // namespace rotsim::cli
