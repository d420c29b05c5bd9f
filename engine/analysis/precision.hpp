#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rotsim {

// `rotsim run --precision METRIC=R`: how many replications it takes for the 95 % confidence
// interval of a metric's mean to shrink to within R of the mean (half-width <= R |mean|).
struct PrecisionTarget {
    std::string metric; // a summary metric
    double relative = 0.01;
};

// Where one target stands after the first `runs` replications.
struct PrecisionStatus {
    std::int64_t runs = 0; // replications whose value is finite (NaN ratios are skipped)
    double mean = 0.0;
    double half_width = 0.0; // of the 95 % interval, Student's t with runs - 1 degrees of freedom
    bool met = false;
};

// A sequential stopping rule that sees replications in replication order, whatever order they
// finish in: the count it settles on is the first n >= min_runs at which every target is met by
// replications 0..n-1, so it does not depend on threads, and the runs kept are exactly those a
// run with --replications n makes.
class PrecisionRule {
public:
    PrecisionRule(std::vector<PrecisionTarget> targets, std::int64_t min_runs,
                  std::int64_t max_runs);

    // The values (one per target, in order) of replication `row`; rows come in any order, each
    // once. Returns the settled count as soon as it is known.
    std::optional<std::int64_t> add(std::int64_t row, const std::vector<double>& values);

    std::optional<std::int64_t> settled() const { return settled_; }
    std::int64_t rows_seen_in_order() const { return prefix_; }
    const std::vector<PrecisionTarget>& targets() const { return targets_; }
    // Each target over replications 0..rows_seen_in_order()-1 (or 0..settled-1).
    std::vector<PrecisionStatus> status() const;

private:
    struct Running { // Welford's running mean and sum of squared deviations
        std::int64_t n = 0;
        double mean = 0.0, m2 = 0.0;
    };
    void take(const std::vector<double>& values);
    PrecisionStatus status_of(std::size_t target) const;

    std::vector<PrecisionTarget> targets_;
    std::int64_t min_runs_, max_runs_;
    std::vector<Running> running_;
    std::map<std::int64_t, std::vector<double>> waiting_; // finished ahead of the prefix
    std::int64_t prefix_ = 0;
    std::optional<std::int64_t> settled_;
};

// The 97.5 % quantile of Student's t with `dof` degrees of freedom.
double t_quantile_975(std::int64_t dof);

} // namespace rotsim
