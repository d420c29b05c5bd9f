// Pay and the ledger of one replication: accrual, settlement, allocation, payout and forfeit.
//
// A settlement credits each soldier the soldiers' share of each day of pay he accrued since the
// last one, floored to the unit: credit_per_day_ units a day, the same for every soldier of a
// class. So a settlement needs only the days of the period, counted by class and by where the
// credit goes (the soldier's fate), and each soldier's account is a product of his own days:
// settlements walk nobody. What flooring leaves of the soldiers' part goes to the party fund;
// with the article's pay and share (2,000 USD, 5 %) a day's share is a whole number of units and
// nothing is left.
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/replication.hpp"

namespace rotsim {

void Replication::close_pay(std::uint32_t i, int upto) {
    // Pay is accrued per soldier lazily, in whole days, when he leaves a pay state or at the
    // horizon; the ledger accrues the same days every tick from the counts by class.
    PayBook& book = soldiers_.pay[i];
    const int since = book.since;
    if (since < 0 || upto <= since) return;
    const std::int32_t days = upto - since;
    book.days += days;
    book.accrued += days * daily_pay_[static_cast<std::size_t>(soldiers_[i].soldier_class)];
    if (book.period_start != period_start_) {
        book.period_start = period_start_;
        book.period_days = 0;
    }
    book.period_days += upto - std::max(since, period_start_);
    book.since = upto;
}

std::int32_t Replication::settled_days(std::uint32_t i) const {
    const PayBook& book = soldiers_.pay[i];
    std::int32_t days = book.days;
    if (book.period_start == period_start_) days -= book.period_days;
    if (book.since >= 0) days += std::max(0, period_start_ - book.since);
    return days;
}

Money Replication::account(std::uint32_t i) const {
    return (settled_days(i) - soldiers_.pay[i].credited_days) *
           credit_per_day_[static_cast<std::size_t>(soldiers_[i].soldier_class)];
}

Money Replication::take_account(std::uint32_t i) {
    const Money taken = account(i);
    soldiers_.pay[i].credited_days = settled_days(i);
    return taken;
}

void Replication::bring_paid_up_to_date(std::uint32_t i) {
    soldiers_.paid[i] += take_account(i);
}

void Replication::change_fate(std::uint32_t i, Fate from, Fate to) {
    const auto c = static_cast<std::size_t>(soldiers_[i].soldier_class);
    // His days of this period are settled where he is at the settlement.
    if (const PayBook& book = soldiers_.pay[i]; book.period_start == period_start_) {
        period_days_[static_cast<int>(from)][c] -= book.period_days;
        period_days_[static_cast<int>(to)][c] += book.period_days;
    }
    if (from == Fate::home) {
        bring_paid_up_to_date(i);
        return;
    }
    if (from != Fate::away) return; // the dead do not come back
    const Money taken = take_account(i);
    if (to == Fate::home) { // paid when he reaches home
        ledger_.move(Account::soldier_accounts, Account::paid_to_soldiers, taken);
        soldiers_.paid[i] += taken;
    } else { // forfeit: killed or captured
        ledger_.move(Account::soldier_accounts, Account::party_fund, taken);
        if (soldiers_[i].state == State::killed) compensation_due_.push_back(i);
    }
}

void Replication::accrue_day() {
    Money units = 0;
    for (int f = 0; f < kFateCount; ++f)
        for (std::size_t c = 0; c < daily_pay_.size(); ++c) {
            period_days_[f][c] += on_pay_[f][c];
            units += on_pay_[f][c] * daily_pay_[c];
        }
    ledger_.accrue(units);
}

void Replication::settle(int t) {
    const Money amount = ledger_.balance(Account::receivable);
    const Split split = split_settlement(amount, sc_.allocation);
    ledger_.move(Account::receivable, Account::party_fund, split.party_fund);
    ledger_.move(Account::receivable, Account::military, split.military);
    ledger_.move(Account::receivable, Account::elite_luxury, split.elite_luxury);
    ledger_.move(Account::receivable, Account::food, split.food);

    // The soldiers' share: a day's credit for every day of the period, to where each soldier is.
    constexpr std::array<Account, kFateCount> to = {Account::soldier_accounts,
                                                    Account::paid_to_soldiers, Account::party_fund};
    Money accrued = 0, credited = 0;
    for (int f = 0; f < kFateCount; ++f) {
        Money part = 0;
        for (std::size_t c = 0; c < daily_pay_.size(); ++c) {
            accrued += period_days_[f][c] * daily_pay_[c];
            part += period_days_[f][c] * credit_per_day_[c];
            period_days_[f][c] = 0;
        }
        ledger_.move(Account::receivable, to[static_cast<std::size_t>(f)], part);
        credited += part;
    }
    if (accrued != amount || credited > split.soldier)
        throw std::logic_error("settlement at tick " + std::to_string(t) + ": days of pay make " +
                               std::to_string(accrued) + " units, the receivable holds " +
                               std::to_string(amount) + "; credited " + std::to_string(credited) +
                               " of the soldiers' " + std::to_string(split.soldier));
    ledger_.move(Account::receivable, Account::party_fund, split.soldier - credited);
    period_start_ = t + 1;
    // Homecomings filed in advance: their days of the closed period are settled now.
    for (int h = period_start_; h <= last_homecoming_; ++h)
        for (std::size_t c = 0; c < sc_.classes.size(); ++c)
            home_unsettled_days_[static_cast<std::size_t>(h) * sc_.classes.size() + c] = 0;

    // Families of the dead are compensated once the dead soldier's last pay has been settled.
    for (const std::uint32_t i : compensation_due_) {
        close_pay(i, t + 1); // the dead may be paid on (killed in pay_states)
        // The share in parts per billion keeps the product exact (0.10 is not a binary fraction).
        const auto share_ppb =
            static_cast<WideMoney>(std::llround(sc_.death_compensation_share * Allocation::kWhole));
        const Money due =
            static_cast<Money>(soldiers_.pay[i].accrued * share_ppb / Allocation::kWhole) +
            death_lump_units_;
        ledger_.move(Account::party_fund, Account::family_compensation, due);
        soldiers_.family[i] += due;
    }
    compensation_due_.clear();
    fold_retired();
}

void Replication::close_all_pay(int upto) {
    // Per-soldier books against the ledger: every unit accrued, held or paid is someone's.
    Money accrued = folded_accrued_, held = 0, paid = folded_paid_, family = folded_family_;
    for (std::uint32_t i = 0; i < soldiers_.size(); ++i) {
        if (!soldiers_.occupied(i)) continue;
        close_pay(i, upto);
        const Fate fate = fate_of(soldiers_[i].state);
        if (fate == Fate::home) bring_paid_up_to_date(i);
        if (fate == Fate::away) held += account(i);
        accrued += soldiers_.pay[i].accrued;
        paid += soldiers_.paid[i];
        family += soldiers_.family[i];
    }
    if (accrued != ledger_.accrued() || held != ledger_.balance(Account::soldier_accounts) ||
        paid != ledger_.balance(Account::paid_to_soldiers) ||
        family != ledger_.balance(Account::family_compensation))
        throw std::logic_error("soldiers' books disagree with the ledger at the horizon");
}

} // namespace rotsim
