#include "compare_sweep.hpp"

#include "analysis/compare.hpp"
#include "cli_support.hpp"
#include "compare_table.hpp"
#include "io/hdf5_reader.hpp"
#include "io/sweep_file.hpp"
#include "metric_names.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "read_watchdog.hpp"
#include "text_table.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <string>
#include <vector>

namespace rotsim::cli {
namespace {

std::int64_t baseline_point(const std::string& text, const std::string& path, std::int64_t points) {
    std::int64_t point = -1;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, point);
    if (text.empty() || ec != std::errc() || ptr != end)
        throw InputError("--baseline '" + text + "': not a design point (a whole number, the " +
                         "row of /design, from 0)");
    if (point < 0 || point >= points)
        throw InputError("--baseline " + text + ": '" + path + "' has design points 0 to " +
                         std::to_string(points - 1));
    return point;
}

[[noreturn]] void refuse_unknown(const std::string& name, const std::vector<std::string>& names,
                                 const std::string& path) {
    std::string all;
    for (const std::string& n : names)
        all += (all.empty() ? "" : ", ") + n;
    throw InputError("--metric '" + name + "': no such summary metric in '" + path +
                     "'; did you mean '" + closest(name, names) + "'? The metrics: " + all);
}

std::vector<std::string> chosen_metrics(const boost::program_options::variables_map& vm,
                                        const std::vector<std::string>& names,
                                        const std::string& path) {
    if (!vm.count("metric")) return names;
    std::vector<std::string> chosen;
    for (const std::string& list : vm["metric"].as<std::vector<std::string>>())
        for (const std::string& name : comma_list(list)) {
            if (std::find(names.begin(), names.end(), name) == names.end())
                refuse_unknown(name, names, path);
            if (std::find(chosen.begin(), chosen.end(), name) == chosen.end())
                chosen.push_back(name);
        }
    return chosen;
}

} // namespace

int compare_sweep(const boost::program_options::variables_map& vm, const std::string& path) {
    const bool csv = vm.count("csv") > 0;
    SummaryTable table;
    {
        const ReadWatchdog watchdog("compare", path);
        table = read_summary_table(path);
    }
    if (!table.sweep)
        throw InputError("--baseline: '" + path + "' is not a sweep file (it has no /design); " +
                         "compare two run files with 'rotsim compare A.h5 B.h5'");
    SweepSummaries sweep;
    {
        const ReadWatchdog watchdog("compare", path);
        sweep = read_sweep_summaries(path);
    }
    drop_coordinates(sweep.metrics, sweep.values);
    const std::int64_t base =
        baseline_point(vm["baseline"].as<std::string>(), path, sweep.sweep.points);
    const std::vector<std::string> metrics = chosen_metrics(vm, sweep.metrics, path);
    const std::size_t rows = sweep.point.size();
    // Rows of each point that hold a finished run; failed and unfinished runs are NaN.
    std::vector<std::vector<std::size_t>> rows_of(static_cast<std::size_t>(sweep.sweep.points));
    std::int64_t empty = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        if (sweep.status[r] != RunStatus::done) {
            ++empty;
            continue;
        }
        rows_of[static_cast<std::size_t>(sweep.point[r])].push_back(r);
    }
    const bool keyed = table.replications.size() == rows && table.run_seeds.size() == rows;
    auto keys = [&](const std::vector<std::size_t>& point_rows) {
        std::vector<RunKey> out;
        out.reserve(point_rows.size());
        for (const std::size_t r : point_rows)
            out.push_back(keyed ? RunKey{table.run_seeds[r], table.replications[r]}
                                : RunKey{0, -1});
        return out;
    };
    const std::vector<std::size_t>& base_rows = rows_of[static_cast<std::size_t>(base)];
    const std::vector<RunKey> base_keys = keys(base_rows);

    TextTable out;
    out.header = {"point"};
    for (const std::string& key : sweep.sweep.keys)
        out.header.push_back(key);
    out.left_aligned = out.header.size();
    if (csv) out.header.emplace_back("metric");
    for (std::string& h : difference_header(csv))
        out.header.push_back(std::move(h));
    bool any_paired = false, any_unpaired = false, first = true;
    if (!csv) {
        std::cout << path << ": " << sweep.sweep.kind << " sweep, " << sweep.sweep.points
                  << " points x " << sweep.sweep.replications << " replications, seed "
                  << table.seed << ", rotsim " << table.engine_version << '\n'
                  << "A: the baseline, point " << base;
        for (std::size_t k = 0; k < sweep.sweep.keys.size(); ++k)
            std::cout << (k ? ", " : " (") << sweep.sweep.keys[k] << '='
                      << sweep.sweep.texts[k][static_cast<std::size_t>(base)]
                      << (k + 1 == sweep.sweep.keys.size() ? ")" : "");
        std::cout << "; B: each other point.\n";
        if (empty > 0)
            std::cout << "skipped " << empty << " rows that hold no run (failed, or not run)\n";
    }
    for (const std::string& metric : metrics) {
        const auto m = static_cast<std::size_t>(
            std::find(sweep.metrics.begin(), sweep.metrics.end(), metric) - sweep.metrics.begin());
        auto values = [&](const std::vector<std::size_t>& point_rows) {
            std::vector<double> v;
            v.reserve(point_rows.size());
            for (const std::size_t r : point_rows)
                v.push_back(sweep.values[m][r]);
            return v;
        };
        TextTable block = out;
        std::vector<std::string> few;
        for (std::int64_t p = 0; p < sweep.sweep.points; ++p) {
            if (p == base) continue;
            const std::vector<std::size_t>& point_rows = rows_of[static_cast<std::size_t>(p)];
            const auto pairs = paired_rows(base_keys, keys(point_rows));
            Difference d;
            if (pairs.empty()) {
                d = welch_difference(values(base_rows), values(point_rows));
            } else {
                std::vector<double> va, vb;
                for (const auto& [i, j] : pairs) {
                    va.push_back(sweep.values[m][base_rows[i]]);
                    vb.push_back(sweep.values[m][point_rows[j]]);
                }
                d = paired_difference(va, vb);
            }
            (pairs.empty() ? any_unpaired : any_paired) = true;
            if (!d.has_interval()) few.push_back(std::to_string(p));
            std::vector<std::string> row{std::to_string(p)};
            for (const auto& key_texts : sweep.sweep.texts)
                row.push_back(key_texts[static_cast<std::size_t>(p)]);
            if (csv) row.push_back(metric);
            for (std::string& cell :
                 difference_cells(d, pairs.empty() ? Pairing::welch : Pairing::paired, csv))
                row.push_back(std::move(cell));
            block.rows.push_back(std::move(row));
        }
        if (csv) {
            block.print_csv(std::cout, first);
        } else {
            std::cout << '\n' << metric << '\n';
            block.print(std::cout);
        }
        if (!few.empty()) {
            std::string points;
            for (const std::string& p : few)
                points += (points.empty() ? "" : ", ") + p;
            (csv ? std::cerr : std::cout)
                << (csv ? "rotsim compare: " : "") << metric << ": no interval at point"
                << (few.size() > 1 ? "s " : " ") << points << ": fewer than 2 runs hold a value\n";
        }
        first = false;
    }
    if (!csv) {
        std::cout << '\n';
        if (any_paired)
            std::cout << "Paired: a point's runs are paired with the baseline's of the same "
                         "replication (same seed, same\n  random streams); the interval is the "
                         "paired t interval; corr is the correlation over the pairs.\n";
        if (any_unpaired)
            std::cout << "Unpaired (no replication shared with the baseline): Welch's interval.\n";
        std::cout << "The interval (95 %) holds the run-to-run noise of the difference of the "
                     "means, not the uncertainty of the inputs.\n";
    } else if (empty > 0) {
        std::cerr << "rotsim compare: skipped " << empty
                  << " rows that hold no run (failed, or not run)\n";
    }
    return 0;
}

} // namespace rotsim::cli
