#include <catch2/catch.hpp>
#include <cmath>
#include <mutex>
#include <set>

#include "ensemble/calibration_runs.hpp"
#include "io/calibration_file.hpp"
#include "io/hdf5_reader.hpp"
#include "model/error.hpp"
#include "model/scenario_loader.hpp"
#include "sweep_test_support.hpp"

using namespace rotsim;
using namespace rotsim::testing;
using Catch::Matchers::Contains;

namespace {

// Four points of an LHS over p_kia, three runs each.
SweepSpec calibration_spec(const SweepDir& dir, const std::string& out) {
    SweepSpec spec = dir.spec(out);
    spec.design.grids.clear();
    spec.design.ranges = {"casualties.p_kia=0.0005:0.004"};
    spec.design.lhs = 4;
    spec.design.seed = 5;
    return spec;
}

} // namespace

TEST_CASE("a calibration gives every run of every point streams of its own") {
    SweepDir dir;
    const PreparedSweep prepared = prepare_sweep(calibration_spec(dir, "cal.h5"));
    std::mutex mutex;
    std::set<std::int64_t> streams;
    SweepHooks hooks;
    hooks.run = [&](const Scenario& sc, std::uint64_t seed, std::int64_t replication,
                    const ReplicationOptions& o) {
        {
            std::lock_guard lock(mutex);
            streams.insert(replication);
        }
        return run_replication(sc, seed, replication, o);
    };
    const SweepOutcome outcome = run_calibration_sweep(prepared, hooks);
    CHECK(outcome.done == 12);
    CHECK(outcome.failed == 0);
    CHECK(streams.size() == 12); // not replications 0..2 at every point, as a sweep's
    CHECK(*streams.rbegin() == 11);

    // Row 7: point 2, its run 1, is replication 2 x 3 + 1 of the seed, as `rotsim run` gives it.
    const SweepFile file(dir.file("cal.h5"));
    const Scenario point = load_scenario(dir.file("small.ini"), prepared.overrides(2));
    const RunEncoder encoder(file.header());
    CHECK(file.read(7, 1).runs[0].columns == encoder.encode(run_replication(point, 11, 7)).columns);

    // The same file on one thread; an existing file is refused.
    SweepSpec spec = calibration_spec(dir, "one.h5");
    spec.threads = 1;
    run_calibration_sweep(prepare_sweep(spec));
    require_same_runs(dir.file("cal.h5"), dir.file("one.h5"));
    CHECK_THROWS_WITH(run_calibration_sweep(prepare_sweep(spec)),
                      Contains("exists; pass --overwrite"));
}

TEST_CASE("a calibration's columns are read from its file and /calibration written into it") {
    SweepDir dir;
    const PreparedSweep prepared = prepare_sweep(calibration_spec(dir, "cal.h5"));
    run_calibration_sweep(prepared);
    const SweepColumns columns = read_sweep_columns(
        dir.file("cal.h5"), {{"killed", false, 30}, {"peak_in_russia", true, 0}});
    CHECK(columns.keys == std::vector<std::string>{"casualties.p_kia"});
    CHECK(columns.points == 4);
    REQUIRE(columns.design.size() == 1);
    CHECK(columns.design[0][2] == std::stod(prepared.design.values[0][2]));
    CHECK(columns.point == std::vector<std::int64_t>{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3});
    CHECK(columns.done == std::vector<bool>(12, true));
    const SeriesTable killed = read_series(dir.file("cal.h5"), "killed");
    for (std::size_t r = 0; r < 12; ++r)
        CHECK(columns.values[0][r] == killed.values[r * 60 + 30]);
    CHECK(columns.values[1][0] > 250); // the peak strength of a run of 300 soldiers
    CHECK_THROWS_WITH(read_sweep_columns(dir.file("cal.h5"), {{"killed", false, 60}}),
                      Contains("day 60 is not stored"));

    CalibrationRecord record;
    record.method = "rejection ABC";
    record.metric = {"killed"};
    record.date = {"2024-10-31"};
    record.tick = {30};
    record.line = {2};
    record.value = {5};
    record.uncertainty = {1};
    record.fit_best = record.fit_median = record.fit_q05 = record.fit_q95 = {5};
    record.point_distance = {1, 2, 3, std::nan("")};
    record.accepted = {1, 0, 0, 0};
    record.simulated = {4, 3, 2, 1};
    record.key = {"casualties.p_kia"};
    record.prior_lo = {0.0005};
    record.prior_hi = {0.004};
    record.mean = record.sd = record.q05 = record.q50 = record.q95 = {0.001};
    write_calibration(dir.file("cal.h5"), record);
    write_calibration(dir.file("cal.h5"), record); // replaced, not refused
    // The runs are untouched.
    CHECK(read_sweep_columns(dir.file("cal.h5"), {{"killed", false, 30}}).values[0] ==
          columns.values[0]);
}
