// Pay and the ledger of one replication: accrual, settlement, allocation, payout and forfeit.
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/replication.hpp"

namespace rotsim {

void Replication::close_pay(std::uint32_t i, int upto) {
    // Pay is accrued per soldier lazily, in whole days, when he leaves a pay state or at a
    // settlement; the ledger accrues the same days every tick from the counts by class.
    const int since = soldiers_.pay_since[i];
    if (since < 0 || upto <= since) return;
    const Money units = static_cast<Money>(upto - since) *
                        daily_pay_[static_cast<std::size_t>(soldiers_.soldier_class[i])];
    if (soldiers_.unsettled[i] == 0 && units > 0) unsettled_.push_back(i);
    soldiers_.accrued[i] += units;
    soldiers_.unsettled[i] += units;
    soldiers_.pay_since[i] = upto;
}

void Replication::accrue_day() {
    Money units = 0;
    for (std::size_t c = 0; c < daily_pay_.size(); ++c)
        units += on_pay_by_class_[c] * daily_pay_[c];
    ledger_.accrue(units);
}

void Replication::settle(int t) {
    for (const std::uint32_t i : on_pay_)
        close_pay(i, t + 1);
    const Money amount = ledger_.balance(Account::receivable);
    const Split split = split_settlement(amount, sc_.allocation);
    ledger_.move(Account::receivable, Account::party_fund, split.party_fund);
    ledger_.move(Account::receivable, Account::military, split.military);
    ledger_.move(Account::receivable, Account::elite_luxury, split.elite_luxury);
    ledger_.move(Account::receivable, Account::food, split.food);

    // The soldiers' share goes to each in proportion to his pay since the last settlement; the
    // few units lost to flooring go one each to the first soldiers in the list.
    Money given = 0;
    std::vector<Money> credit(unsettled_.size(), 0);
    for (std::size_t k = 0; k < unsettled_.size() && amount > 0; ++k) {
        const auto share =
            static_cast<WideMoney>(split.soldier) * soldiers_.unsettled[unsettled_[k]];
        credit[k] = static_cast<Money>(share / amount);
        given += credit[k];
    }
    for (std::size_t k = 0; given < split.soldier && !credit.empty(); ++k, ++given)
        ++credit[k % credit.size()];
    if (credit.empty() && split.soldier > 0)
        throw std::logic_error("settlement with pay but no soldier to credit at tick " +
                               std::to_string(t));
    for (std::size_t k = 0; k < unsettled_.size(); ++k) {
        const std::uint32_t i = unsettled_[k];
        soldiers_.unsettled[i] = 0;
        switch (soldiers_.state[i]) {
        case State::killed:
        case State::captured: // forfeit: his account went to the party fund
            ledger_.move(Account::receivable, Account::party_fund, credit[k]);
            break;
        case State::home: // already home: paid at once
            ledger_.move(Account::receivable, Account::paid_to_soldiers, credit[k]);
            soldiers_.paid[i] += credit[k];
            break;
        default:
            ledger_.move(Account::receivable, Account::soldier_accounts, credit[k]);
            soldiers_.account[i] += credit[k];
            break;
        }
    }
    unsettled_.clear();

    // Families of the dead are compensated once the dead soldier's last pay has been settled.
    for (const std::uint32_t i : compensation_due_) {
        // The share in parts per billion keeps the product exact (0.10 is not a binary fraction).
        const auto share_ppb =
            static_cast<WideMoney>(std::llround(sc_.death_compensation_share * Allocation::kWhole));
        const Money due =
            static_cast<Money>(soldiers_.accrued[i] * share_ppb / Allocation::kWhole) +
            death_lump_units_;
        ledger_.move(Account::party_fund, Account::family_compensation, due);
        soldiers_.family[i] += due;
    }
    compensation_due_.clear();
    fold_retired();
}

void Replication::forfeit(std::uint32_t i, bool killed) {
    ledger_.move(Account::soldier_accounts, Account::party_fund, soldiers_.account[i]);
    soldiers_.account[i] = 0;
    if (killed) compensation_due_.push_back(i);
}

void Replication::pay_out(std::uint32_t i) {
    ledger_.move(Account::soldier_accounts, Account::paid_to_soldiers, soldiers_.account[i]);
    soldiers_.paid[i] += soldiers_.account[i];
    soldiers_.account[i] = 0;
}

void Replication::close_all_pay(int upto) {
    for (const std::uint32_t i : on_pay_)
        close_pay(i, upto);
    // Per-soldier books against the ledger: every unit accrued, held or paid is someone's.
    Money accrued = folded_accrued_, held = 0, paid = folded_paid_, family = folded_family_;
    for (std::size_t i = 0; i < soldiers_.size(); ++i) {
        if (!soldiers_.occupied(i)) continue;
        accrued += soldiers_.accrued[i];
        held += soldiers_.account[i];
        paid += soldiers_.paid[i];
        family += soldiers_.family[i];
    }
    if (accrued != ledger_.accrued() || held != ledger_.balance(Account::soldier_accounts) ||
        paid != ledger_.balance(Account::paid_to_soldiers) ||
        family != ledger_.balance(Account::family_compensation))
        throw std::logic_error("soldiers' books disagree with the ledger at the horizon");
}

} // namespace rotsim
