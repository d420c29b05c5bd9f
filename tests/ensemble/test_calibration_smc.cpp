#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "ensemble/calibration_smc.hpp"
#include "io/calibration_file.hpp"
#include "model/error.hpp"
#include "sweep_test_support.hpp"

using namespace rotsim;
using namespace rotsim::testing;
using Catch::Matchers::Contains;

namespace {

constexpr double kTruePkia = 0.002;

// Cumulative killed on days 29 and 59: the mean of eight runs at the true p_kia, their standard
// deviation as the uncertainty.
std::vector<CalibrationTarget> targets_of_truth(const SweepDir& dir) {
    SweepSpec truth = dir.spec("truth.h5");
    truth.design.grids = {"casualties.p_kia=" + std::to_string(kTruePkia)};
    truth.replications = 8;
    truth.seed = 99;
    sweep(truth);
    const SweepColumns columns =
        read_sweep_columns(dir.file("truth.h5"), {{"killed", false, 29}, {"killed", false, 59}});
    std::vector<CalibrationTarget> targets;
    for (std::size_t t = 0; t < 2; ++t) {
        const std::vector<double>& v = columns.values[t];
        const double mean = std::accumulate(v.begin(), v.end(), 0.0) / 8.0;
        double squares = 0;
        for (const double x : v)
            squares += (x - mean) * (x - mean);
        CalibrationTarget target;
        target.metric = "killed";
        target.tick = t == 0 ? 29 : 59;
        target.value = mean;
        target.uncertainty = std::max(std::sqrt(squares / 7.0), 1.0);
        targets.push_back(target);
    }
    return targets;
}

SweepSpec smc_spec(const SweepDir& dir, const std::string& out, int threads) {
    SweepSpec spec = dir.spec(out);
    spec.design.grids.clear();
    spec.design.ranges = {"casualties.p_kia=0.0002:0.006"};
    spec.design.lhs = 40;
    spec.design.seed = 5;
    spec.replications = 2;
    spec.threads = threads;
    spec.flush_seconds = 1; // a flush after every run would cost more than the runs
    return spec;
}

} // namespace

TEST_CASE("sequential ABC narrows its tolerance, weighs its particles and recovers a known p_kia") {
    SweepDir dir;
    const std::vector<CalibrationTarget> targets = targets_of_truth(dir);
    SmcSettings settings;
    settings.particles = 40;
    settings.generations = 4;
    const SmcOutcome out =
        run_smc_calibration(prepare_sweep(smc_spec(dir, "smc.h5", 2)), targets, settings);
    REQUIRE(out.written);
    REQUIRE(out.generations.size() == 4);
    CHECK(std::isinf(out.generations[0].tolerance));
    for (std::size_t g = 1; g < 4; ++g) {
        INFO("generation " << g);
        CHECK(out.generations[g].complete);
        CHECK(out.generations[g].accepted == 40);
        CHECK(out.generations[g].tolerance < out.generations[g - 1].tolerance);
        CHECK(out.generations[g].first_point ==
              out.generations[g - 1].first_point + out.generations[g - 1].proposed);
    }
    REQUIRE(out.weights.size() == 40);
    CHECK(std::accumulate(out.weights.begin(), out.weights.end(), 0.0) == Approx(1.0));
    CHECK(std::all_of(out.weights.begin(), out.weights.end(), [](double w) { return w > 0; }));

    // One file: every proposal a design point, every run with its own stream.
    const SweepFile file(dir.file("smc.h5"));
    CHECK(file.header().sweep->kind == "points");
    CHECK(file.header().sweep->points == static_cast<std::int64_t>(out.point_generation.size()));
    CHECK(file.header().runs == out.runs);
    const SweepColumns columns =
        read_sweep_columns(dir.file("smc.h5"), {{"killed", false, 29}, {"killed", false, 59}});
    CHECK(std::all_of(columns.done.begin(), columns.done.end(), [](bool d) { return d; }));

    CalibrationRuns runs;
    runs.points = columns.points;
    runs.point = columns.point;
    runs.done = columns.done;
    runs.simulated = columns.values;
    const CalibrationKey key{"casualties.p_kia", columns.design[0], 0.0002, 0.006};
    const Calibration c = smc_calibration(runs, targets, {key}, out.particle_points, out.weights);
    const PosteriorSummary& p = c.posterior[0];
    INFO("posterior 5 % " << p.q05 << ", 50 % " << p.q50 << ", 95 % " << p.q95);
    CHECK(p.q05 < kTruePkia);
    CHECK(kTruePkia < p.q95);
    CHECK(p.q95 - p.q05 < (0.006 - 0.0002) / 3);
    for (std::size_t i = 0; i < out.particle_points.size(); ++i)
        CHECK(c.distance[static_cast<std::size_t>(out.particle_points[i])] <=
              out.generations.back().tolerance);

    // The same calibration on one thread.
    const SmcOutcome one =
        run_smc_calibration(prepare_sweep(smc_spec(dir, "one.h5", 1)), targets, settings);
    CHECK(one.particle_points == out.particle_points);
    CHECK(one.weights == out.weights);
    require_same_runs(dir.file("smc.h5"), dir.file("one.h5"));
    // No batch file is left behind.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.file("")))
        ++files;
    CHECK(files == 4); // small.ini, truth.h5, smc.h5, one.h5

    // The budget stops it: the generation cut short is recorded but is not the posterior.
    settings.generations = 10;
    settings.max_runs = 300;
    SweepSpec spec = smc_spec(dir, "budget.h5", 2);
    const SmcOutcome cut = run_smc_calibration(prepare_sweep(spec), targets, settings);
    CHECK(cut.runs <= 300);
    CHECK_THAT(cut.stop_reason, Contains("--max-runs 300"));
    CHECK_FALSE(cut.generations.back().complete);
    CHECK(cut.weights.size() == 40);
    settings.max_runs = 10;
    spec.overwrite = true;
    CHECK_THROWS_WITH(run_smc_calibration(prepare_sweep(spec), targets, settings),
                      Contains("does not cover generation 0"));
}

TEST_CASE("sequential ABC leaves out proposals the scenario loader refuses") {
    // Knot 1's day must stay below knot 2's (31): days 31 to 50 of its range are outside the
    // prior's support, in generation 0's hypercube and in later proposals alike.
    SweepDir dir;
    const std::string schedule = "casualties.intensity=0:1, 30:1, 31:2";
    SweepSpec truth = dir.spec("truth.h5");
    truth.overrides = {schedule};
    truth.design.grids = {"casualties.intensity.day[1]=20"};
    truth.replications = 4;
    sweep(truth);
    const SweepColumns columns = read_sweep_columns(dir.file("truth.h5"), {{"killed", false, 59}});
    CalibrationTarget target;
    target.metric = "killed";
    target.tick = 59;
    target.value = (columns.values[0][0] + columns.values[0][1] + columns.values[0][2] +
                    columns.values[0][3]) /
                   4;
    target.uncertainty = 3;

    SweepSpec spec = smc_spec(dir, "smc.h5", 2);
    spec.overrides = {schedule};
    spec.design.ranges = {"casualties.intensity.day[1]=10:50"};
    spec.design.lhs = 20;
    spec.replications = 1;
    spec.on_failure = OnFailure::next; // as calibrate --method smc prepares generation 0
    SmcSettings settings;
    settings.particles = 20;
    settings.generations = 3;
    const PreparedSweep first = prepare_sweep(spec);
    const SmcOutcome out = run_smc_calibration(first, {target}, settings);
    REQUIRE(out.written);
    CHECK(out.generations[0].refused > 0);
    CHECK(out.generations[0].proposed + out.generations[0].refused == 20);
    CHECK(std::accumulate(out.weights.begin(), out.weights.end(), 0.0) == Approx(1.0));
    const SweepFile file(dir.file("smc.h5"));
    const auto& days = file.header().sweep->texts[0];
    for (const std::string& day : days)
        CHECK(std::stoi(day) < 31);

    spec.design.ranges = {"casualties.intensity.day[1]=31:50"};
    spec.overwrite = true;
    CHECK_THROWS_WITH(run_smc_calibration(prepare_sweep(spec), {target}, settings),
                      Contains("only 0 of the 20 points of generation 0 make a valid scenario"));
}

TEST_CASE("the posterior sample is read back from /calibration/particles") {
    SweepDir dir;
    SweepSpec spec = dir.spec("cal.h5");
    spec.replications = 1;
    sweep(spec);
    CalibrationRecord record;
    record.method = "test";
    record.metric = {"killed"};
    record.date = {"2024-10-31"};
    record.tick = {30};
    record.line = {2};
    record.value = {5};
    record.uncertainty = {1};
    record.fit_best = record.fit_median = record.fit_q05 = record.fit_q95 = {5};
    record.point_distance = {1, 2, 3, 4, 5, 6};
    record.accepted = {1, 0, 0, 1, 0, 0};
    record.simulated = {1, 2, 3, 4, 5, 6};
    record.key = {"casualties.p_kia", "strength.max_tours"};
    record.prior_lo = record.prior_hi = record.mean = record.sd = {0, 0};
    record.q05 = record.q50 = record.q95 = {0, 0};
    record.generation = {0, 0, 0, 0, 0, 0};
    record.weight = {0.25, 0, 0, 0.75, 0, 0};
    record.particle_point = {3, 0};
    record.particle_weight = {0.75, 0.25};
    record.particle_distance = {4, 1};
    record.particle_overrides = {"casualties.p_kia=0.002\nstrength.max_tours=2",
                                 "strength.max_tours=1\ncasualties.p_kia=0.0005"};
    record.particle_values = {0.002, 2, 0.0005, 1};
    write_calibration(dir.file("cal.h5"), record);
    const PosteriorSample sample = read_posterior(dir.file("cal.h5"));
    CHECK(sample.keys == record.key);
    CHECK(sample.values == std::vector<std::vector<std::string>>{{"0.002", "2"}, {"0.0005", "1"}});
    CHECK(sample.weights == std::vector<double>{0.75, 0.25});
    CHECK(sample.points == std::vector<std::int64_t>{3, 0});

    CHECK_THROWS_WITH(read_posterior(dir.file("small.ini")),
                      Contains("small.ini': not an HDF5 file"));
    CHECK_THROWS_WITH(read_posterior(dir.file("none.h5")), Contains("none.h5': no such file"));
    sweep([&] {
        SweepSpec s = dir.spec("plain.h5");
        s.replications = 1;
        return s;
    }());
    CHECK_THROWS_WITH(read_posterior(dir.file("plain.h5")), Contains("no /calibration"));
    record.particle_overrides[1] = "strength.max_tours=1";
    write_calibration(dir.file("cal.h5"), record);
    CHECK_THROWS_WITH(read_posterior(dir.file("cal.h5")),
                      Contains("overrides lack casualties.p_kia"));
}
