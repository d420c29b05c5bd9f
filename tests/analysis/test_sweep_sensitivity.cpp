// From a sweep's runs to its indices: replications averaged, Saltelli's layout read from the
// design rather than assumed, and the sweeps that cannot be analysed refused by name.
#include "analysis/sweep_sensitivity.hpp"
#include "ensemble/design.hpp"
#include "model/error.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace {

using rotsim::RunStatus;
using rotsim::SweepSummaries;

// f = 3 x0 + x1 at every point, plus +-0.5 replication noise that averages out.
SweepSummaries saltelli_sweep() {
    constexpr int n = 64, k = 2, width = k + 2, reps = 2;
    SweepSummaries s;
    s.path = "sobol.h5";
    s.sweep.kind = "sobol";
    s.sweep.keys = {"casualties.p_kia", "strength.max_tours"};
    s.sweep.base_samples = n;
    s.sweep.points = n * width;
    s.sweep.replications = reps;
    s.sweep.numbers.assign(k, std::vector<double>(std::size_t(n * width)));
    s.metrics = {"killed"};
    s.values.assign(1, {});
    const std::vector<double> u = rotsim::sobol_points(2 * k, n, n);
    // Points stored in reverse order: the layout must come from sobol_sample and sobol_matrix.
    for (int p = 0; p < n * width; ++p) {
        const int q = n * width - 1 - p, j = q / width, m = q % width;
        s.sweep.sobol_sample.push_back(j);
        s.sweep.sobol_matrix.push_back(m);
        double x[k];
        for (int i = 0; i < k; ++i) {
            const bool from_b = m == width - 1 || m == i + 1;
            x[i] = u[std::size_t(j * 2 * k + i + (from_b ? k : 0))];
            s.sweep.numbers[std::size_t(i)][std::size_t(p)] = x[i];
        }
        for (int r = 0; r < reps; ++r) {
            s.sweep.rows.push_back(p * reps + r);
            s.point.push_back(p);
            s.status.push_back(RunStatus::done);
            // Noise that differs between points (not only between replications).
            s.values[0].push_back(3 * x[0] + x[1] + ((r + p) % 2 ? 0.5 : -0.5));
        }
    }
    return s;
}

} // namespace

TEST_CASE("sweep sensitivity: a Saltelli sweep stored in any order", "[analysis][sensitivity]") {
    const SweepSummaries s = saltelli_sweep();
    const rotsim::SweepSensitivity r = rotsim::sweep_sensitivity(s, {}, 200, 1);
    REQUIRE(r.metrics.size() == 1);
    const rotsim::MetricSensitivity& m = r.metrics[0];
    CHECK(m.used == 64);
    CHECK(m.dropped == 0);
    // Additive: first and total agree, in the ratio 9 : 1 of the variances of 3 x0 and x1.
    CHECK(m.sobol.first.value(0) == Approx(0.9).margin(0.1));
    CHECK(m.sobol.total.value(0) == Approx(0.9).margin(0.1));
    CHECK(m.sobol.total.value(1) == Approx(0.1).margin(0.05));
    // Replications -0.5 and +0.5, in opposite order at alternate points, so nothing is shared by
    // every point: a residual variance of about 0.5, 0.25 for a mean of two, against the means'
    // variance of about 9 / 12 + 1 / 12.
    CHECK(m.noise_share == Approx(0.25 / (10.0 / 12)).margin(0.03));
    const rotsim::SensitivityRecord record = rotsim::sensitivity_record(r, "rotsim sensitivity");
    CHECK(record.method == "sobol");
    CHECK(record.columns.front().name == "first");
    CHECK(record.columns.front().values.size() == 2);
}

TEST_CASE("sweep sensitivity: a base sample with a failed point is left out",
          "[analysis][sensitivity]") {
    SweepSummaries s = saltelli_sweep();
    // Both replications of point 5 failed.
    s.status[10] = s.status[11] = RunStatus::failed;
    s.values[0][10] = s.values[0][11] = std::nan("");
    const rotsim::SweepSensitivity r = rotsim::sweep_sensitivity(s, {"killed"}, 100, 1);
    CHECK(r.metrics[0].used == 63);
    CHECK(r.metrics[0].dropped == 1);
}

TEST_CASE("sweep sensitivity: what cannot be analysed is refused by name",
          "[analysis][sensitivity]") {
    using Catch::Matchers::Contains;
    SweepSummaries s = saltelli_sweep();
    s.sweep.kind = "grid";
    CHECK_THROWS_WITH(rotsim::sweep_sensitivity(s, {}, 10, 1),
                      Contains("sobol.h5") && Contains("grid sweep") && Contains("--lhs"));
    s = saltelli_sweep();
    s.status[3] = RunStatus::missing;
    CHECK_THROWS_WITH(rotsim::sweep_sensitivity(s, {}, 10, 1),
                      Contains("not finished: 1 of 512 runs") && Contains("--resume"));
    s = saltelli_sweep();
    s.sweep.shard_index = 1;
    s.sweep.shard_count = 3;
    CHECK_THROWS_WITH(rotsim::sweep_sensitivity(s, {}, 10, 1), Contains("shard 1/3"));
    s = saltelli_sweep();
    CHECK_THROWS_WITH(rotsim::sweep_sensitivity(s, {"kiled"}, 10, 1),
                      Contains("no summary metric 'kiled'") && Contains("killed"));
    s.sweep.sobol_matrix[0] = s.sweep.sobol_matrix[1];
    CHECK_THROWS_WITH(rotsim::sweep_sensitivity(s, {}, 10, 1), Contains("damaged"));
    s = saltelli_sweep();
    s.sweep.kind = "lhs";
    s.sweep.points = 4;
    CHECK_THROWS_AS(rotsim::sweep_sensitivity(s, {}, 10, 1), rotsim::InputError);
}
