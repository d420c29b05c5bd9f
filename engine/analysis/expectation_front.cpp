#include "analysis/expectation_front.hpp"

#include <algorithm>

#include "sim/front.hpp"

namespace rotsim::expectation {

namespace {

double triangle(int lo, int span) {
    const double n = std::max(0, span - lo + 1);
    return n * (n + 1) / 2;
}

} // namespace

void Line::init(int lag_days, int min_rho, int max_rho) {
    lag = lag_days;
    rho_lo = min_rho;
    span = max_rho;
    size = 0;
    offset.clear();
    for (int d = 1; d <= span + 1 - rho_lo; ++d) {
        offset.push_back(size);
        size += span + 2 - d - rho_lo;
    }
    if (lag <= 0) size = 0;
    if (size == 0) return;
    cells = Eigen::ArrayXXd::Zero(size, 3 * Eigen::Index{lag});
    day.assign(static_cast<std::size_t>(lag), -1);
}

FrontType::FrontType(const Scenario& scenario, double hazard_multiplier, int training_days,
                     int span, double daily_pay)
    : sc_(scenario), hazard_(hazard_multiplier), training_(training_days), span_(span),
      period_(span + 1),
      pay_front_(scenario.pay_state[static_cast<int>(State::deployed)] ? daily_pay : 0.0),
      pay_hospital_(scenario.pay_state[static_cast<int>(State::wounded)] ? daily_pay : 0.0),
      recovery_min_(scenario.recovery_days.min), recovery_max_(scenario.recovery_days.max) {
    const int window = recovery_max_ - recovery_min_ + 1;
    back_ = (1.0 - sc_.p_died_of_wounds) * sc_.p_return_to_duty / window;
    const auto cells = static_cast<Eigen::Index>(period_) * period_;
    m_ = Eigen::ArrayXd::Zero(cells);
    a_ = Eigen::ArrayXd::Zero(cells);
    s_ = Eigen::ArrayXd::Zero(cells);
    // Without wounds nobody comes back from hospital, and the lines are not needed.
    if (sc_.p_wia > 0 && back_ > 0 && span_ > recovery_min_) {
        plus_.init(recovery_min_, recovery_min_ + 1, span_);
        minus_.init(recovery_max_ + 1, recovery_max_ + 2, span_);
        const auto keys = static_cast<Eigen::Index>(span_) * period_;
        acc_m_ = Eigen::ArrayXd::Zero(keys);
        acc_a_ = Eigen::ArrayXd::Zero(keys);
        acc_s_ = Eigen::ArrayXd::Zero(keys);
    }
}

double FrontType::cells_needed(const Scenario& sc, int span) {
    const double period = span + 1.0;
    const int lo = sc.recovery_days.min, hi = sc.recovery_days.max;
    return 3 * period * period + 3 * span * period + 3.0 * lo * triangle(lo + 1, span) +
           3.0 * (hi + 1) * triangle(hi + 2, span);
}

void FrontType::enter(int k, int rotation, const Mass& mass) {
    const std::size_t i = cell(k, rotation);
    m_[i] += mass.m;
    a_[i] += mass.a;
    s_[i] += mass.s;
}

// Adds (sign +1) or takes out (-1) the wounds of day t - lag, then frees their slot.
void FrontType::move_line(Line& line, int t, double sign) {
    const int w = t - line.lag;
    if (w < 0) return;
    const int slot = t % line.lag;
    if (line.day[static_cast<std::size_t>(slot)] != w) return;
    const Eigen::Index column = 3 * Eigen::Index{slot};
    const double* m = line.cells.col(column).data();
    const double* a = line.cells.col(column + 1).data();
    const double* s = line.cells.col(column + 2).data();
    for (int d = 1; d <= line.rows(); ++d) {
        const std::size_t row = key(d, 0);
        int r = (w + line.rho_lo) % period_;
        for (int i = line.at(line.rho_lo, d), end = i + span_ + 2 - d - line.rho_lo; i < end;
             ++i, r = next(r)) {
            if (m[i] == 0) continue;
            const std::size_t j = row + static_cast<std::size_t>(r);
            acc_m_[j] += sign * m[i];
            acc_a_[j] += sign * a[i];
            acc_s_[j] += sign * s[i];
        }
    }
    line.cells.middleCols(column, 3).setZero();
    line.day[static_cast<std::size_t>(slot)] = -1;
}

void FrontType::heal(int t) {
    if (!plus_.active()) return;
    move_line(plus_, t, 1.0);
    if (minus_.active()) move_line(minus_, t, -1.0);
    // Rotation date t: whoever is still in hospital goes home from there.
    for (int d = 1; d <= span_; ++d) {
        const std::size_t j = key(d, t);
        acc_m_[j] = acc_a_[j] = acc_s_[j] = 0;
    }
}

void FrontType::rotate(int t, Mass& out) {
    for (int k = std::max(0, t - span_); k < t; ++k) {
        const std::size_t i = cell(k, t);
        out += Mass{m_[i], a_[i], s_[i]};
        m_[i] = a_[i] = s_[i] = 0;
    }
}

namespace {

// Where the wounds of one day and one experience go in a line: cell base + rho of each column.
struct Sink {
    double *m = nullptr, *a = nullptr, *s = nullptr;
    int base = 0, rho_lo = 1 << 30;

    Sink(Line& line, int t, int d) {
        if (!line.active() || d > line.rows()) return;
        const int slot = t % line.lag;
        line.day[static_cast<std::size_t>(slot)] = t;
        const Eigen::Index column = 3 * Eigen::Index{slot};
        m = line.cells.col(column).data();
        a = line.cells.col(column + 1).data();
        s = line.cells.col(column + 2).data();
        base = line.at(line.rho_lo, d) - line.rho_lo;
        rho_lo = line.rho_lo;
    }
    void add(int rho, double wm, double wa, double ws) const {
        if (rho < rho_lo) return;
        m[base + rho] += wm;
        a[base + rho] += wa;
        s[base + rho] += ws;
    }
};

} // namespace

void FrontType::face_risk(int t, FrontFlows& flows) {
    const double pk = sc_.p_kia, pw = sc_.p_wia, pc = sc_.p_captured;
    const double base = pk + pw + pc;
    // Raw pointers: the compiler cannot tell that the stores below leave the arrays in place.
    double *const fm = m_.data(), *const fa = a_.data(), *const fs = s_.data();
    const double *const am = acc_m_.data(), *const aa = acc_a_.data(), *const as = acc_s_.data();
    Mass* const wounded = flows.wounded.data();
    const double back = back_, pay_front = pay_front_;
    // In the lines a wound of day t is stored with a - pay_hospital x t x m in place of a, so
    // that what it accrues in hospital up to any later day W is pay_hospital x W x m.
    const double hospital_day = pay_hospital_ * t;
    double returned = 0, deployed = 0;
    for (int k = std::max(0, t - span_ + 1); k <= t; ++k) {
        const int d = t - k;
        // The engine's own multiplier, so that both apply the per-day rule to the same digits.
        const double mult = front_multiplier(sc_, hazard_, training_, d, t);
        const double fw = pw * mult;
        const double survive = 1.0 - base * mult;
        // The wounded carry d + 1 days at the front: the day of the wound counts.
        const Sink plus(plus_, t, d + 1), minus(minus_, t, d + 1);
        const auto row = static_cast<std::size_t>(k % period_) * static_cast<std::size_t>(period_);
        // Soldiers with d days at the front who leave hospital fit today join cell (t - d, R)
        // before today's risk: the sliding sums hold them by (d, R).
        const bool returns = plus_.active() && d >= 1;
        const std::size_t keys = returns ? key(d, 0) : 0;
        Mass present;
        int r = next(t % period_);
        for (int rho = 1; rho <= span_ - d; ++rho, r = next(r)) {
            const std::size_t i = row + static_cast<std::size_t>(r);
            double m = fm[i], a = fa[i], s = fs[i];
            if (returns) {
                const std::size_t j = keys + static_cast<std::size_t>(r);
                if (am[j] > 0) {
                    const double b = back * am[j];
                    m += b;
                    a += back * aa[j] + b * hospital_day;
                    s += back * as[j];
                    returned += b;
                }
            }
            if (m == 0) continue;
            present += Mass{m, a, s};
            if (fw > 0) {
                const double wm = fw * m, wa = fw * a, ws = fw * s;
                wounded[rho] += Mass{wm, wa, ws};
                plus.add(rho, wm, wa - hospital_day * wm, ws);
                minus.add(rho, wm, wa - hospital_day * wm, ws);
            }
            const double kept = survive * m;
            fm[i] = kept;
            fa[i] = survive * a + pay_front * kept;
            fs[i] = survive * s;
            deployed += kept;
        }
        flows.killed += present * (pk * mult);
        flows.captured += present * (pc * mult);
    }
    flows.returned += returned;
    flows.deployed += deployed;
}

void FrontType::settle(int t) {
    s_ = a_;
    // What a wound accrued up to the end of day t, with a stored as in face_risk.
    const double accrued = pay_hospital_ * (t + 1);
    for (Line* line : {&plus_, &minus_}) {
        if (!line->active()) continue;
        for (int slot = 0; slot < line->lag; ++slot)
            if (line->day[static_cast<std::size_t>(slot)] >= 0) {
                const Eigen::Index column = 3 * Eigen::Index{slot};
                line->cells.col(column + 2) =
                    line->cells.col(column + 1) + accrued * line->cells.col(column);
            }
    }
    if (plus_.active()) acc_s_ = acc_a_ + accrued * acc_m_;
}

double FrontType::rotating(int t, int from, int to) const {
    double n = 0;
    for (int rotation = std::max(from, t); rotation < std::min(to, t + span_); ++rotation) {
        const int r = rotation % period_;
        for (int k = std::max(0, rotation - span_); k <= std::min(rotation - 1, t - 1); ++k)
            n += m_[static_cast<std::size_t>((k % period_) * period_ + r)];
    }
    return n;
}

} // namespace rotsim::expectation
