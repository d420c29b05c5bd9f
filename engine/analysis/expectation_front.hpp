#pragma once

// Internal to the expected-value model (expectation.cpp): the soldiers at the front and the
// wounded who will return to it. docs/expectation.md describes the method.

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "model/scenario.hpp"

namespace rotsim::expectation {

// Expected soldiers and two money channels, in ledger units: `a`, the sum of what they have
// accrued; `s`, the sum of what they had accrued at the last settlement. A transition moves the
// three in proportion, because where a soldier goes never depends on what he was paid.
struct Mass {
    double m = 0, a = 0, s = 0;

    Mass& operator+=(const Mass& o) {
        m += o.m;
        a += o.a;
        s += o.s;
        return *this;
    }
    Mass operator*(double f) const { return {m * f, a * f, s * f}; }
};

// A whole number of days drawn uniformly from [lo, hi].
struct Uniform {
    int lo = 0, hi = 0;

    double p(int x) const { return x >= lo && x <= hi ? 1.0 / (hi - lo + 1) : 0.0; }
    // P(X > x)
    double above(int x) const {
        if (x < lo) return 1.0;
        if (x >= hi) return 0.0;
        return static_cast<double>(hi - x) / (hi - lo + 1);
    }
};

// What the front of one class sends elsewhere on one day.
struct FrontFlows {
    Mass rotated, killed, captured;
    std::vector<Mass> wounded; // by days left to the rotation date on the day of the wound
    double returned = 0;       // from hospital, fit for duty
    double deployed = 0;       // at the end of the day
};

// The wounded of the last `lag` days whose rotation date is at least `rho_lo` days after the
// wound, keyed by those days rho and by the days at the front d (wound day included). Only they
// can still be in hospital, and before their rotation date, `lag` days after the wound. Rows by
// d, so that a day at the front writes a row and a day's move reads one.
struct Line {
    int lag = 0, rho_lo = 0, span = 0;
    int size = 0;
    std::vector<int> offset; // first cell of each d
    Eigen::ArrayXXd cells;   // size x (3 * lag): m, a, s of each day's slot
    std::vector<int> day;    // wound day each slot holds, -1 for none

    void init(int lag_days, int min_rho, int max_rho);
    bool active() const { return size > 0; }
    int rows() const { return static_cast<int>(offset.size()); }
    // rho_lo <= rho and d + rho <= span + 1
    int at(int rho, int d) const { return offset[static_cast<std::size_t>(d - 1)] + rho - rho_lo; }
};

// Soldiers of one class with one training length at the front, by (k, R): on day t a soldier of
// cell (k, R) has t - k days of experience and rotates on day R. Both stay fixed while he is at
// the front, so a day moves no mass between cells. R - k never exceeds `span`, the longest stay
// less the training, which bounds the grid; k and R are stored modulo span + 1.
//
// The wounded who come back are kept by (d, R), fixed while they are in hospital: their return
// flow on day W is a sliding sum over the wound days W - recovery.max .. W - recovery.min, kept
// up to date by adding the wounds of `recovery.min` days ago (`plus_`) and taking out those of
// `recovery.max + 1` days ago (`minus_`), so a day costs the cells, not cells x recovery days.
class FrontType {
public:
    FrontType(const Scenario& scenario, double hazard_multiplier, int training_days, int span,
              double daily_pay);

    // A spell at the front that starts on day k with no experience, or on day t with t - k days.
    void enter(int k, int rotation, const Mass& mass);
    // Step 2 of day t: the sliding sums of the wounded move on a day. Those fit for duty before
    // their rotation date come back in face_risk, which visits their cells anyway.
    void heal(int t);
    // Step 2 of day t: soldiers whose rotation date is t leave.
    void rotate(int t, Mass& out);
    // Steps 2 to 4 of day t: returns from hospital, casualties, then a day's pay for those
    // still at the front.
    void face_risk(int t, FrontFlows& flows);
    // End of a settlement day t: what has been accrued is now settled.
    void settle(int t);
    // At the start of day t: soldiers at the front whose rotation date is in [from, to).
    double rotating(int t, int from, int to) const;

    // Doubles the state holds, for the memory check.
    static double cells_needed(const Scenario& scenario, int span);

private:
    std::size_t cell(int k, int rotation) const {
        return static_cast<std::size_t>(k % period_) * static_cast<std::size_t>(period_) +
               static_cast<std::size_t>(rotation % period_);
    }
    std::size_t key(int d, int rotation) const {
        return static_cast<std::size_t>(d - 1) * static_cast<std::size_t>(period_) +
               static_cast<std::size_t>(rotation % period_);
    }
    int next(int r) const { return r + 1 == period_ ? 0 : r + 1; } // (r + 1) mod (span + 1)
    void move_line(Line& line, int t, double sign);

    const Scenario& sc_;
    double hazard_;
    int training_;
    int span_, period_;
    double pay_front_, pay_hospital_;
    double back_; // probability that a wound ends fit for duty on a given day of the window
    int recovery_min_, recovery_max_;
    Eigen::ArrayXd m_, a_, s_; // the front grid
    Line plus_, minus_;
    // Sliding sums by (d, R), a stored as in the lines (see face_risk).
    Eigen::ArrayXd acc_m_, acc_a_, acc_s_;
};

} // namespace rotsim::expectation
