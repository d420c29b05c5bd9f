#include <algorithm>
#include <limits>

#include "sim/replication.hpp"

namespace rotsim {

namespace {

// The summaries read only the series' last day and the peak in Russia.
std::array<double, kSummaryCount> summarize(const Scenario& sc, const Eigen::VectorXd& last_day,
                                            double peak_in_russia) {
    auto final_value = [&](Metric m) { return last_day(m); };
    auto final_usd = [&](Metric m) { return last_day(m) / kUnitsPerUsd; };
    std::array<double, kSummaryCount> s{};
    s[s_served] = final_value(metric::served);
    s[s_dispatched] = final_value(metric::dispatched);
    s[s_arrivals] = final_value(metric::arrivals);
    s[s_killed] = final_value(metric::killed);
    s[s_killed_in_action] = final_value(metric::killed_in_action);
    s[s_wounded] = final_value(metric::wounded);
    s[s_captured] = final_value(metric::captured);
    s[s_died_of_wounds] = final_value(metric::died_of_wounds);
    s[s_evacuated] = final_value(metric::evacuated);
    s[s_rotated_out] = final_value(metric::rotated_out);
    s[s_home] = final_value(metric::n_home);
    s[s_in_russia_final] = final_value(metric::in_russia);
    s[s_peak_in_russia] = peak_in_russia;
    for (int k = 0; k <= s_food_usd - s_accrued_usd; ++k)
        s[s_accrued_usd + k] = final_usd(static_cast<Metric>(metric::accrued_usd + k));

    const double accrued = s[s_accrued_usd];
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double days = sc.horizon_days;
    const double per_year = accrued * 365.0 / days;
    // A month is a twelfth of a 365-day year, the month of the article's 22 million USD.
    s[s_accrued_per_month_usd] = accrued * (365.0 / 12.0) / days;
    s[s_revenue_share_of_gdp] = per_year / sc.gdp_usd;
    s[s_revenue_share_of_defence] = per_year / (sc.gdp_usd * sc.defence_share_of_gdp);
    const double to_people =
        s[s_soldier_accounts_usd] + s[s_paid_to_soldiers_usd] + s[s_family_compensation_usd];
    s[s_share_to_soldiers_and_families] =
        s[s_paid_by_russia_usd] > 0 ? to_people / s[s_paid_by_russia_usd] : nan;
    s[s_mean_payout_per_survivor_usd] = s[s_home] > 0 ? s[s_paid_to_soldiers_usd] / s[s_home] : nan;
    s[s_payout_in_home_months] = s[s_mean_payout_per_survivor_usd] / sc.home_monthly_pay_usd;
    return s;
}

} // namespace

void summarize_replication(const Scenario& sc, ReplicationResult& r) {
    // The conversion to_usd() makes, so the summaries of run files are unchanged; of the last day
    // only, not a copy of the whole series in doubles (at ten years, a megabyte held at the
    // replication's peak of memory).
    const Eigen::VectorXd last_day = r.series.col(r.series.cols() - 1).cast<double>();
    r.summary =
        summarize(sc, last_day, static_cast<double>(r.series.row(metric::in_russia).maxCoeff()));
}

std::array<double, kSummaryCount> summarize_series(const Scenario& sc, const SeriesValues& series) {
    const Eigen::VectorXd last_day = series.col(series.cols() - 1);
    return summarize(sc, last_day, series.row(metric::in_russia).maxCoeff());
}

} // namespace rotsim
