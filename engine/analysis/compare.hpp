#pragma once

// `rotsim compare`: how a summary metric's mean differs between two scenarios (or two design
// points), with an interval that holds the run-to-run noise of the mean difference. It says
// nothing about input uncertainty: both scenarios are taken as given.

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace rotsim {

// Which interval a Difference carries.
enum class Pairing {
    paired, // runs paired by (seed, replication): t interval of the pairs' differences
    welch,  // independent runs: Welch's interval, Welch-Satterthwaite degrees of freedom
    exact,  // one side or both are expected values (`rotsim expect`), which carry no noise
};

// B's mean against A's. Values that are NaN (a ratio with a zero denominator, a row that holds no
// run) are skipped; in paired data the whole pair is.
struct Difference {
    std::int64_t runs_a = 0, runs_b = 0; // values used; paired: both are the pairs
    double mean_a = 0.0, mean_b = 0.0;
    double difference = 0.0; // mean_b - mean_a
    double percent = 0.0;    // 100 (mean_b - mean_a) / mean_a; NaN when mean_a is 0
    // The interval (`level`, two-sided) of the difference and of the percent change; NaN when
    // there is none: fewer than 2 runs on a side that varies, or two expected values.
    double lo = 0.0, hi = 0.0;
    double percent_lo = 0.0, percent_hi = 0.0;
    double dof = 0.0;         // of the t quantile; NaN without an interval
    double correlation = 0.0; // paired: Pearson's r of A and B over the pairs; else NaN
    bool has_interval() const;
};

// a[i] and b[i] are one pair (same seed and replication). The percent change's interval is the
// delta method's for the ratio of means over the pairs' linearized values (b - R a) / mean_a.
Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                             double level = 0.95);

// Independent samples. A side marked exact is one expected value, with no noise: the interval is
// then the other side's alone (a one-sample t interval); both exact gives no interval. The percent
// change's interval is the delta method's for mean_b / mean_a, its degrees of freedom
// Welch-Satterthwaite's over the two terms of its variance.
Difference welch_difference(const std::vector<double>& a, const std::vector<double>& b,
                            bool a_exact = false, bool b_exact = false, double level = 0.95);

// The key that says which random streams a run used: runs of two files with the same key saw the
// same random numbers (common random numbers), so their difference has less noise.
struct RunKey {
    std::uint64_t seed = 0;
    std::int64_t replication = 0;
    friend bool operator==(const RunKey&, const RunKey&) = default;
    friend bool operator<(const RunKey& a, const RunKey& b) {
        return std::tie(a.seed, a.replication) < std::tie(b.seed, b.replication);
    }
};

// Rows of A and B with the same key, as (row of A, row of B), in A's row order. Rows whose
// replication is negative hold no run and never pair; a key repeated within a file pairs its first
// row only.
std::vector<std::pair<std::size_t, std::size_t>> paired_rows(const std::vector<RunKey>& a,
                                                             const std::vector<RunKey>& b);

} // namespace rotsim
