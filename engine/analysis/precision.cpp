#include "analysis/precision.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace rotsim {

double t_quantile_975(std::int64_t dof) {
    if (dof < 1) return std::numeric_limits<double>::infinity();
    const boost::math::students_t t(static_cast<double>(dof));
    return boost::math::quantile(t, 0.975);
}

PrecisionRule::PrecisionRule(std::vector<PrecisionTarget> targets, std::int64_t min_runs,
                             std::int64_t max_runs)
    : targets_(std::move(targets)), min_runs_(min_runs), max_runs_(max_runs),
      running_(targets_.size()) {
    if (targets_.empty()) throw std::invalid_argument("PrecisionRule: no targets");
    if (min_runs_ < 2) throw std::invalid_argument("PrecisionRule: needs at least 2 runs");
    for (const PrecisionTarget& t : targets_)
        if (!(t.relative > 0.0)) throw std::invalid_argument("PrecisionRule: relative must be > 0");
}

std::optional<std::int64_t> PrecisionRule::add(std::int64_t row,
                                               const std::vector<double>& values) {
    if (values.size() != targets_.size())
        throw std::invalid_argument("PrecisionRule::add: one value per target");
    if (settled_ || row < prefix_) return settled_;
    waiting_.emplace(row, values);
    for (auto next = waiting_.find(prefix_); next != waiting_.end() && !settled_;
         next = waiting_.find(prefix_)) {
        take(next->second);
        waiting_.erase(next);
        ++prefix_;
        bool all_met = prefix_ >= min_runs_;
        for (std::size_t i = 0; i < targets_.size() && all_met; ++i)
            all_met = status_of(i).met;
        if (all_met || prefix_ == max_runs_) settled_ = prefix_;
    }
    if (settled_) waiting_.clear();
    return settled_;
}

void PrecisionRule::take(const std::vector<double>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i])) continue;
        Running& r = running_[i];
        ++r.n;
        const double delta = values[i] - r.mean;
        r.mean += delta / static_cast<double>(r.n);
        r.m2 += delta * (values[i] - r.mean);
    }
}

PrecisionStatus PrecisionRule::status_of(std::size_t target) const {
    const Running& r = running_[target];
    PrecisionStatus s;
    s.runs = r.n;
    s.mean = r.mean;
    if (r.n < 2) {
        s.half_width = std::numeric_limits<double>::infinity();
        return s;
    }
    const double sd = std::sqrt(r.m2 / static_cast<double>(r.n - 1));
    s.half_width = t_quantile_975(r.n - 1) * sd / std::sqrt(static_cast<double>(r.n));
    // A metric whose mean is zero has no relative precision; it is met only if it never varies.
    s.met = r.n >= min_runs_ && s.half_width <= targets_[target].relative * std::fabs(r.mean);
    return s;
}

std::vector<PrecisionStatus> PrecisionRule::status() const {
    std::vector<PrecisionStatus> out;
    for (std::size_t i = 0; i < targets_.size(); ++i)
        out.push_back(status_of(i));
    return out;
}

} // namespace rotsim
