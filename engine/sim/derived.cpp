#include "sim/derived.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <stdexcept>

namespace rotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Division as the formulas write it, np.where(d > 0, d, np.nan): a zero denominator (no soldier
// served, nobody killed) gives NaN, which the statistics skip, rather than an infinity.
double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : kNaN;
}

// Each soldier-event once: a soldier wounded who later dies of his wounds is counted by
// `wounded` and not again by `died_of_wounds`, which `killed` includes.
double casualties(const double* in) {
    return in[0] + in[1] + in[2];
}

void casualties_series(const std::vector<const double*>& in, const std::vector<int>& ticks,
                       double* out) {
    for (std::size_t k = 0; k < ticks.size(); ++k)
        out[k] = in[0][k] + in[1][k] + in[2][k];
}

double per_1000(const double* in) {
    return ratio(1000 * in[0], in[1]);
}

void per_1000_series(const std::vector<const double*>& in, const std::vector<int>& ticks,
                     double* out) {
    for (std::size_t k = 0; k < ticks.size(); ++k)
        out[k] = ratio(1000 * in[0][k], in[1][k]);
}

double usd_per_death(const double* in) {
    return ratio(in[0], in[1]);
}

// Accrued is cumulative to the end of each stored day, so the pay of the days since the previous
// stored column, over their number, is the daily rate there whatever --every thinned; column 0
// covers days 0..t0.
void per_month_series(const std::vector<const double*>& in, const std::vector<int>& ticks,
                      double* out) {
    double previous_value = 0;
    int previous_tick = -1;
    for (std::size_t k = 0; k < ticks.size(); ++k) {
        out[k] = (in[0][k] - previous_value) / (ticks[k] - previous_tick) * 365 / 12;
        previous_value = in[0][k];
        previous_tick = ticks[k];
    }
}

std::vector<DerivedMetric> make_table() {
    using K = DerivedKind;
    std::vector<DerivedMetric> t;
    t.push_back({"casualties",
                 K::summary,
                 "events",
                 "casualties by the horizon: killed in action + wounded + captured, each "
                 "soldier-event once (a wounded soldier who dies of wounds counts once)",
                 {"killed_in_action", "wounded", "captured"},
                 R"(S["killed_in_action"] + S["wounded"] + S["captured"])",
                 casualties,
                 nullptr});
    t.push_back({"killed_per_1000_served",
                 K::summary,
                 "per 1000 soldiers",
                 "deaths per 1,000 distinct soldiers who served in Russia; NaN if none served",
                 {"killed", "served"},
                 R"(1000 * S["killed"] / np.where(S["served"] > 0, S["served"], np.nan))",
                 per_1000,
                 nullptr});
    t.push_back({"usd_per_death",
                 K::summary,
                 "USD per death",
                 "pay accrued over the horizon per death (USD); NaN if nobody was killed",
                 {"accrued_usd", "killed"},
                 R"(S["accrued_usd"] / np.where(S["killed"] > 0, S["killed"], np.nan))",
                 usd_per_death,
                 nullptr});
    t.push_back({"casualties",
                 K::series,
                 "events",
                 "cumulative casualties: killed in action + wounded + captured, each "
                 "soldier-event once (a wounded soldier who dies of wounds counts once)",
                 {"killed_in_action", "wounded", "captured"},
                 R"(T["killed_in_action"] + T["wounded"] + T["captured"])",
                 nullptr,
                 casualties_series});
    t.push_back({"killed_per_1000_served",
                 K::series,
                 "per 1000 soldiers",
                 "cumulative deaths per 1,000 distinct soldiers who have served; NaN while none "
                 "has",
                 {"killed", "served"},
                 R"(1000 * T["killed"] / np.where(T["served"] > 0, T["served"], np.nan))",
                 nullptr,
                 per_1000_series});
    t.push_back(
        {"accrued_per_month_usd",
         K::series,
         "USD per month",
         "pay accrued per month (365/12 days) on that day, over the days since the "
         "previous stored column (not cumulative)",
         {"accrued_usd"},
         R"(np.diff(T["accrued_usd"], axis=1, prepend=0) / np.diff(t, prepend=-1) * 365 / 12)",
         nullptr,
         per_month_series});
    return t;
}

} // namespace

const std::vector<DerivedMetric>& derived_metrics() {
    static const std::vector<DerivedMetric> table = make_table();
    return table;
}

const DerivedMetric* find_derived(std::string_view name, DerivedKind kind) {
    for (const DerivedMetric& m : derived_metrics())
        if (m.name == name && m.kind == kind) return &m;
    return nullptr;
}

std::optional<std::string> missing_input(const DerivedMetric& metric,
                                         const std::vector<std::string>& stored) {
    for (const std::string_view input : metric.inputs)
        if (std::find(stored.begin(), stored.end(), input) == stored.end())
            return std::string(input);
    return std::nullopt;
}

std::string unavailable_message(const DerivedMetric& metric, const std::string& missing,
                                const std::string& path) {
    const bool summary = metric.kind == DerivedKind::summary;
    return "derived " + std::string(summary ? "summary" : "series") + " metric '" +
           std::string(metric.name) + "' needs " + (summary ? "/summary/" : "/timeseries/") +
           missing + ", which '" + path + "' does not store" +
           (summary ? "" : " (it was written with --series; add " + missing + " to the list)");
}

void append_derived_summaries(std::vector<std::string>& names,
                              std::vector<std::vector<double>>& values) {
    const std::size_t stored = names.size();
    const std::vector<std::string> stored_names(names.begin(), names.end());
    for (const DerivedMetric& m : derived_metrics()) {
        if (m.kind != DerivedKind::summary || missing_input(m, stored_names)) continue;
        if (std::find(names.begin(), names.end(), m.name) != names.end()) continue;
        std::vector<std::size_t> column;
        for (const std::string_view input : m.inputs)
            column.push_back(static_cast<std::size_t>(
                std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(stored),
                          input) -
                names.begin()));
        const std::size_t runs = values[column.front()].size();
        std::vector<double> out(runs), in(column.size());
        for (std::size_t r = 0; r < runs; ++r) {
            for (std::size_t k = 0; k < column.size(); ++k)
                in[k] = values[column[k]][r];
            out[r] = m.summary(in.data());
        }
        names.emplace_back(m.name);
        values.push_back(std::move(out));
    }
}

std::vector<double> derive_series(const DerivedMetric& metric,
                                  const std::vector<std::vector<double>>& inputs,
                                  const std::vector<int>& ticks, std::size_t rows) {
    if (metric.kind != DerivedKind::series || inputs.size() != metric.inputs.size())
        throw std::invalid_argument("derive_series: not the inputs of series " +
                                    std::string(metric.name));
    const std::size_t width = ticks.size();
    for (const std::vector<double>& block : inputs)
        if (block.size() != rows * width)
            throw std::invalid_argument("derive_series: an input is not rows x ticks");
    std::vector<double> out(rows * width);
    std::vector<const double*> in(inputs.size());
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t k = 0; k < inputs.size(); ++k)
            in[k] = inputs[k].data() + r * width;
        metric.series(in, ticks, out.data() + r * width);
    }
    return out;
}

} // namespace rotsim
