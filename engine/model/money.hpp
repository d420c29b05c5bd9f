#pragma once

#include <cstdint>

namespace rotsim {

// Money is counted in integer units of 1/365 of a US cent. A monthly pay of P cents accrues
// P * 12 / 365 cents a day, which is exactly P * 12 units: every day of pay is a whole number of
// units, so accrual over any horizon is exact and the ledger balances to the unit (finer than a
// cent). Shares of a payment are split by largest remainder, so no unit is lost or invented.
using Money = std::int64_t;

inline constexpr Money kUnitsPerCent = 365;
inline constexpr Money kUnitsPerUsd = 100 * kUnitsPerCent;

// Products of money and shares in parts per billion need more than 64 bits.
__extension__ using WideMoney = __int128;

constexpr double to_usd(Money units) {
    return static_cast<double>(units) / kUnitsPerUsd;
}

// Daily pay in units for a monthly pay given in whole cents.
constexpr Money daily_pay_units(std::int64_t monthly_pay_cents) {
    return monthly_pay_cents * 12;
}

} // namespace rotsim
