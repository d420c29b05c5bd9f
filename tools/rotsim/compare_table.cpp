#include "compare_table.hpp"

#include <cmath>

#include "number_text.hpp"

namespace rotsim::cli {
namespace {

const char* pairing_label(Pairing pairing) {
    switch (pairing) {
    case Pairing::paired:
        return "paired";
    case Pairing::welch:
        return "welch";
    case Pairing::exact:
        return "exact";
    }
    return "?";
}

} // namespace

std::vector<std::string> difference_header(bool csv) {
    if (csv)
        return {"pairing", "runs_a",  "runs_b",     "mean_a",     "mean_b", "difference", "lo",
                "hi",      "percent", "percent_lo", "percent_hi", "dof",    "correlation"};
    return {"mean A", "mean B", "B - A",  "95% lo", "95% hi", "% change",
            "% lo",   "% hi",   "runs A", "runs B", "corr"};
}

std::vector<std::string> difference_cells(const Difference& d, Pairing pairing, bool csv) {
    if (csv) {
        std::vector<std::string> cells{pairing_label(pairing), std::to_string(d.runs_a),
                                       std::to_string(d.runs_b)};
        for (const double x : {d.mean_a, d.mean_b, d.difference, d.lo, d.hi, d.percent,
                               d.percent_lo, d.percent_hi, d.dof, d.correlation})
            cells.push_back(exact(x));
        return cells;
    }
    const auto number = [](double x) { return std::isnan(x) ? std::string("-") : readable(x); };
    return {readable(d.mean_a),
            readable(d.mean_b),
            readable(d.difference),
            number(d.lo),
            number(d.hi),
            number(d.percent),
            number(d.percent_lo),
            number(d.percent_hi),
            std::to_string(d.runs_a),
            std::to_string(d.runs_b),
            number(d.correlation)};
}

std::string pairing_text(Pairing pairing) {
    switch (pairing) {
    case Pairing::paired:
        return "paired: the runs of A and B with the same (seed, replication) drew the same random "
               "numbers, so\n  the interval is the paired t interval of their differences; corr "
               "is the correlation\n  of A and B over the pairs (the higher, the more the pairing "
               "narrows the interval)";
    case Pairing::welch:
        return "unpaired: no run of A shares (seed, replication) with a run of B, so the interval "
               "is Welch's,\n  with Welch-Satterthwaite degrees of freedom";
    case Pairing::exact:
        return "expected values: an expected-value file (rotsim expect) holds the model's "
               "expectation, not runs;\n  it has no run-to-run noise, so a difference between "
               "two such files is exact and has no interval\n  (against a run file, the interval "
               "is the run file's one-sample t interval)";
    }
    return {};
}

std::string missing_intervals(const std::vector<std::string>& metrics,
                              const std::vector<Difference>& differences, Pairing pairing,
                              bool both_exact) {
    if (both_exact) return {};
    std::string few;
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const Difference& d = differences[m];
        if (d.has_interval()) continue;
        few += (few.empty() ? "" : ", ") + metrics[m];
    }
    if (few.empty()) return {};
    return "no interval for " + few + ": fewer than 2 " +
           (pairing == Pairing::paired ? std::string("pairs") : std::string("runs")) +
           " hold a value (a ratio is skipped in a run where its denominator is 0)";
}

} // namespace rotsim::cli
