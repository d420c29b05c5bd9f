#pragma once

#include <array>
#include <cstdint>

#include "model/money.hpp"
#include "model/scenario.hpp"
#include "sim/metrics.hpp"

namespace rotsim {

// Where every unit that Russia owes sits. The accounts always sum to what has accrued; any
// operation moves money between accounts, never creates or destroys it (except accrual itself).
enum class Account : int {
    receivable,
    soldier_accounts,
    paid_to_soldiers,
    family_compensation,
    party_fund,
    military,
    elite_luxury,
    food,
};
inline constexpr int kAccountCount = 8;

// The series that holds each account's balance, declared pair by pair as for the states
// (sim/metrics.hpp).
struct AccountSeries {
    Account account;
    Metric metric;
};

inline constexpr std::array<AccountSeries, kAccountCount> kAccountSeries = {{
    {Account::receivable, metric::receivable_usd},
    {Account::soldier_accounts, metric::soldier_accounts_usd},
    {Account::paid_to_soldiers, metric::paid_to_soldiers_usd},
    {Account::family_compensation, metric::family_compensation_usd},
    {Account::party_fund, metric::party_fund_usd},
    {Account::military, metric::military_usd},
    {Account::elite_luxury, metric::elite_luxury_usd},
    {Account::food, metric::food_usd},
}};

// Every account has a money series of its own.
constexpr bool each_account_recorded_once() {
    for (std::size_t a = 0; a < kAccountSeries.size(); ++a) {
        if (static_cast<int>(kAccountSeries[a].account) >= kAccountCount ||
            kMetrics[kAccountSeries[a].metric].unit != Unit::money)
            return false;
        for (std::size_t other = 0; other < a; ++other)
            if (kAccountSeries[other].account == kAccountSeries[a].account ||
                kAccountSeries[other].metric == kAccountSeries[a].metric)
                return false;
    }
    return true;
}
static_assert(each_account_recorded_once(),
              "kAccountSeries: an account without a series, or two in one");

// The state's split of one settlement, exact to the unit.
struct Split {
    Money soldier = 0, party_fund = 0, military = 0, elite_luxury = 0, food = 0;
};
Split split_settlement(Money amount, const Allocation& allocation);

class Ledger {
public:
    void accrue(Money units) {
        accrued_ += units;
        balance_[idx(Account::receivable)] += units;
    }
    void move(Account from, Account to, Money units) {
        balance_[idx(from)] -= units;
        balance_[idx(to)] += units;
    }
    Money balance(Account a) const { return balance_[idx(a)]; }
    Money accrued() const { return accrued_; }
    Money paid_by_russia() const { return accrued_ - balance(Account::receivable); }

    // Throws std::logic_error (a bug, not an input error) when the accounts do not sum to what
    // has accrued, or an account that cannot go negative has.
    void check_conservation(int tick) const;

private:
    static constexpr int idx(Account a) { return static_cast<int>(a); }
    Money accrued_ = 0;
    std::array<Money, kAccountCount> balance_{};
};

} // namespace rotsim
