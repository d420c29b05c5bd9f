#pragma once

// Internal to the expected-value model: its groups of soldiers and the projection that moves them
// (expectation.cpp: dispatch and the soldiers' course; expectation_money.cpp: pay and the ledger).

#include <array>
#include <deque>
#include <memory>
#include <vector>

#include "analysis/expectation.hpp"
#include "analysis/expectation_front.hpp"

namespace rotsim::expectation {

// Soldiers who began a spell in one state on the same day and leave it after a duration drawn
// independently of everything else. All of them accrue alike, so the cohort keeps its totals at
// the start and `inc`, what each has accrued since; the part still there is the survival function.
struct Cohort {
    int start = 0;
    Mass begun;
    double inc = 0;

    Mass now(double fraction) const {
        return Mass{begun.m, begun.a + inc * begun.m, begun.s} * fraction;
    }
    void settle() { begun.s = begun.a + inc * begun.m; }
};

// Distribution of the rotation date's offset from the start of training, and its tail P(Y > y).
struct Offsets {
    std::vector<double> p, above;
};

struct Training : Cohort {
    const Offsets* rotation = nullptr;
};

// Wounded on day `start`, by days from that day to their rotation date.
struct Hospital {
    int start = 0;
    std::vector<Mass> by_rho;
    Mass total;
    double inc = 0;

    Mass now(const Mass& part, double fraction) const {
        return Mass{part.m, part.a + inc * part.m, part.s} * fraction;
    }
};

struct ClassState {
    double share = 1, pay = 0;
    std::deque<Cohort> pipeline, transit;
    std::deque<Training> training;
    std::deque<Hospital> hospital;
    Mass home, killed, killed_unsettled, captured;
    std::vector<std::unique_ptr<FrontType>> front; // by training days - russia_training_days.min
    double deployed = 0;
};

inline Offsets make_offsets(std::vector<double> p) {
    Offsets o{std::move(p), {}};
    o.above.assign(o.p.size(), 0.0);
    for (std::size_t y = o.p.size() - 1; y-- > 0;)
        o.above[y] = o.above[y + 1] + o.p[y + 1];
    return o;
}

inline double tail(const Offsets& o, int y) {
    return y < 0 ? 1.0 : y < static_cast<int>(o.above.size()) ? o.above[y] : 0.0;
}

class Projection {
public:
    explicit Projection(const Scenario& sc);
    Expectation run();

private:
    double dispatch(int t);
    double relief(int t) const;
    void arrive(int t, ClassState& c);
    void train(int t, ClassState& c, Mass& out);
    void heal(int t, ClassState& c, Mass& out);
    void fight(int t, ClassState& c);
    void pay_day(int t, ClassState& c);
    void settle(int t);
    void record(int t);
    bool paid(State s) const { return sc_.pay_state[static_cast<int>(s)]; }
    double& count(Metric m) { return cumulative_[static_cast<std::size_t>(m)]; }

    const Scenario& sc_;
    Uniform transit_in_, training_, recovery_, transit_out_;
    Offsets stay_, initial_;
    // Rotation dates from here on are all alike: after the horizon, and after every relief window
    // dispatch looks at. Clamping them bounds the front's grid by the horizon for long stays.
    int beyond_ = 0;
    std::deque<ClassState> classes_;      // a deque: ClassState cannot be copied
    std::array<double, kStateCount> n_{}; // at the end of the last day projected
    std::array<double, kMetricCount> cumulative_{};
    double recruited_ = 0, accrued_ = 0, settled_ = 0, family_ = 0;
    Expectation out_;
};

} // namespace rotsim::expectation
