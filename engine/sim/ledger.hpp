#pragma once

#include <array>
#include <cstdint>

#include "model/money.hpp"
#include "model/scenario.hpp"

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
