#include "sim/ledger.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace rotsim {

Split split_settlement(Money amount, const Allocation& allocation) {
    // Largest remainder: floor every share, then hand the few leftover units to the shares with
    // the largest fractional parts (ties to the earlier account), so the parts sum to `amount`.
    const std::array<std::int64_t, 5> ppb = {allocation.soldier, allocation.party_fund,
                                             allocation.military, allocation.elite_luxury,
                                             allocation.food};
    std::array<Money, 5> part{};
    std::array<WideMoney, 5> remainder{};
    Money assigned = 0;
    for (int k = 0; k < 5; ++k) {
        const WideMoney exact = static_cast<WideMoney>(amount) * ppb[k];
        part[k] = static_cast<Money>(exact / Allocation::kWhole);
        remainder[k] = exact % Allocation::kWhole;
        assigned += part[k];
    }
    std::array<int, 5> order = {0, 1, 2, 3, 4};
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return remainder[a] > remainder[b]; });
    for (Money left = amount - assigned, k = 0; left > 0; --left, ++k)
        ++part[order[k % 5]];
    return {part[0], part[1], part[2], part[3], part[4]};
}

void Ledger::check_conservation(int tick) const {
    const Money sum = std::accumulate(balance_.begin(), balance_.end(), Money{0});
    if (sum != accrued_)
        throw std::logic_error("ledger out of balance at tick " + std::to_string(tick) +
                               ": accounts sum to " + std::to_string(sum) + " units, accrued " +
                               std::to_string(accrued_));
    for (int a = 0; a < kAccountCount; ++a)
        if (balance_[a] < 0 && static_cast<Account>(a) != Account::party_fund)
            throw std::logic_error("ledger account " + std::to_string(a) + " negative at tick " +
                                   std::to_string(tick));
}

} // namespace rotsim
