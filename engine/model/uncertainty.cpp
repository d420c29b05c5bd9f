#include "model/uncertainty.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "model/error.hpp"
#include "model/ini_text.hpp"

namespace rotsim {
namespace {

const std::vector<std::string> kForms = {"uniform(lo, hi)", "loguniform(lo, hi)",
                                         "triangular(lo, mode, hi)", "normal(mean, sd, lo, hi)",
                                         "choice(v1, v2, ...)"};

[[noreturn]] void refuse(const std::string& where, const std::string& key,
                         const std::string& problem) {
    throw InputError(where + ": [uncertainty] " + key + ": " + problem);
}

// Items separated by commas outside double quotes; quotes let a choice hold a schedule.
std::vector<std::string> arguments(std::string_view text, const std::string& where,
                                   const std::string& key) {
    std::vector<std::string> items;
    std::string item;
    bool quoted = false, was_quoted = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
            was_quoted = true;
        } else if (c == ',' && !quoted) {
            items.push_back(was_quoted ? item : trim(item));
            item.clear();
            was_quoted = false;
        } else if (!(was_quoted && !quoted && (c == ' ' || c == '\t'))) {
            item += c;
        }
    }
    if (quoted) refuse(where, key, "a double quote is not closed in " + in_quotes(text));
    items.push_back(was_quoted ? item : trim(item));
    for (const std::string& i : items)
        if (i.empty()) refuse(where, key, "empty argument in " + in_quotes(text));
    return items;
}

double number(const std::string& text, const std::string& what, const std::string& where,
              const std::string& key) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
        refuse(where, key, what + " must be a number, got " + in_quotes(text));
    return value;
}

std::string on_grain(double value, double grain) {
    if (grain >= 1) return std::to_string(std::llround(value));
    if (grain > 0) {
        char text[64];
        std::snprintf(text, sizeof text, "%.2f", std::round(value / grain) * grain);
        return text;
    }
    return format_double(value);
}

} // namespace

std::string prior_keys(const std::vector<Prior>& priors) {
    std::string keys;
    for (const Prior& p : priors)
        keys.append(keys.empty() ? "" : ", ").append(p.key);
    return keys;
}

std::vector<std::string> prior_names() {
    return {"uniform", "loguniform", "triangular", "normal", "choice"};
}

Prior parse_prior(const std::string& key, const std::string& text, const std::string& where) {
    Prior prior;
    prior.key = key;
    prior.text = text;
    prior.where = where;
    const std::size_t open = text.find('(');
    std::string forms;
    for (const std::string& f : kForms)
        forms += (forms.empty() ? "" : ", ") + f;
    if (open == std::string::npos || !text.ends_with(')'))
        refuse(where, key, "expected a distribution (" + forms + "), got " + in_quotes(text));
    const std::string name = trim(text.substr(0, open));
    const std::vector<std::string> names = prior_names();
    const auto found = std::find(names.begin(), names.end(), name);
    if (found == names.end())
        refuse(where, key,
               "unknown distribution " + in_quotes(name) + "; did you mean " +
                   in_quotes(closest(name, names)) + "? (" + forms + ")");
    prior.kind = static_cast<PriorKind>(found - names.begin());
    const std::vector<std::string> args =
        arguments(std::string_view(text).substr(open + 1, text.size() - open - 2), where, key);
    if (prior.kind == PriorKind::choice) {
        if (args.size() > kMaxChoices)
            refuse(where, key,
                   "a choice of " + std::to_string(args.size()) + " values; at most " +
                       std::to_string(kMaxChoices));
        prior.choices = args;
        return prior;
    }
    const std::size_t arity = prior.kind == PriorKind::normal       ? 4
                              : prior.kind == PriorKind::triangular ? 3
                                                                    : 2;
    const std::string& form = kForms[static_cast<std::size_t>(prior.kind)];
    if (args.size() != arity)
        refuse(where, key,
               "expected " + form + ", got " + std::to_string(args.size()) + " argument" +
                   (args.size() == 1 ? "" : "s") + " in " + in_quotes(text) +
                   (prior.kind == PriorKind::normal ? " (a normal prior is truncated to [lo, hi])"
                                                    : ""));
    for (std::size_t i = 0; i < args.size(); ++i)
        prior.parameters.push_back(
            number(args[i], "argument " + std::to_string(i + 1) + " of " + form, where, key));
    const auto& p = prior.parameters;
    const double lo = prior.kind == PriorKind::normal ? p[2] : p[0];
    const double hi = p.back();
    if (!(lo < hi)) refuse(where, key, "lo must be less than hi in " + in_quotes(text));
    if (prior.kind == PriorKind::loguniform && lo <= 0)
        refuse(where, key, "loguniform needs lo > 0, got " + in_quotes(text));
    if (prior.kind == PriorKind::triangular && !(p[0] <= p[1] && p[1] <= p[2]))
        refuse(where, key, "the mode must lie within [lo, hi] in " + in_quotes(text));
    if (prior.kind == PriorKind::normal && !(p[1] > 0))
        refuse(where, key, "the standard deviation must be > 0 in " + in_quotes(text));
    return prior;
}

std::string Prior::value_at(double u) const {
    const auto& p = parameters;
    // The top itself, which no u < 1 reaches: what a check of the prior's range must try.
    if (u >= 1 && kind != PriorKind::choice) return on_grain(p.back(), grain);
    u = std::clamp(u, 0.0, std::nextafter(1.0, 0.0));
    switch (kind) {
    case PriorKind::choice:
        return choices[std::min(choices.size() - 1,
                                static_cast<std::size_t>(u * static_cast<double>(choices.size())))];
    case PriorKind::uniform:
        // Whole numbers: lo..hi each with probability 1 / (hi - lo + 1), as a sweep's --range.
        if (grain >= 1) {
            const double lo = std::ceil(p[0]), hi = std::floor(p[1]);
            return on_grain(std::min(hi, lo + std::floor(u * (hi - lo + 1))), 1);
        }
        return on_grain(std::clamp(p[0] + u * (p[1] - p[0]), p[0], p[1]), grain);
    case PriorKind::loguniform:
        return on_grain(std::clamp(std::exp(std::log(p[0]) + u * (std::log(p[1]) - std::log(p[0]))),
                                   p[0], p[1]),
                        grain);
    case PriorKind::triangular: {
        const double lo = p[0], mode = p[1], hi = p[2];
        const double split = (mode - lo) / (hi - lo);
        const double x = u < split ? lo + std::sqrt(u * (hi - lo) * (mode - lo))
                                   : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
        return on_grain(std::clamp(x, lo, hi), grain);
    }
    case PriorKind::normal: {
        const boost::math::normal_distribution<double> normal(p[0], p[1]);
        const double a = boost::math::cdf(normal, p[2]), b = boost::math::cdf(normal, p[3]);
        // Far in a tail both ends round to the same probability; the mass is then where the
        // truncation leaves it, at the nearer end.
        const double q = a + u * (b - a);
        const double x = b > a && q > 0 && q < 1 ? boost::math::quantile(normal, q)
                         : std::abs(p[2] - p[0]) < std::abs(p[3] - p[0]) ? p[2]
                                                                         : p[3];
        return on_grain(std::clamp(x, p[2], p[3]), grain);
    }
    }
    return {};
}

std::vector<std::string> Prior::probe_values() const {
    if (kind == PriorKind::choice) return choices;
    return {value_at(0.0), value_at(0.5), value_at(1.0)};
}

} // namespace rotsim
