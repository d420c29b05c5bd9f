#include <catch2/catch.hpp>

#include "io/hdf5_reader.hpp"
#include "model/error.hpp"
#include "model/scenario_loader.hpp"
#include "sweep_test_support.hpp"

using namespace rotsim;
using namespace rotsim::testing;
using Catch::Matchers::Contains;

TEST_CASE("a sweep file holds every run of every point, with its design") {
    SweepDir dir;
    const SweepOutcome outcome = sweep(dir.spec("whole.h5"));
    CHECK(outcome.runs == 18);
    CHECK(outcome.done == 18);
    CHECK(outcome.failed == 0);
    const SweepFile file(dir.file("whole.h5"));
    const SweepHeader& sw = *file.header().sweep;
    CHECK(sw.kind == "grid");
    CHECK(sw.points == 6);
    CHECK(sw.replications == 3);
    CHECK(sw.numbers[0] == std::vector<double>{0.0005, 0.0005, 0.002, 0.002, 0.004, 0.004});
    CHECK(sw.overrides[3] == "casualties.p_kia=0.002\nstrength.max_tours=2");
    CHECK(std::all_of(file.status().begin(), file.status().end(),
                      [](RunStatus s) { return s == RunStatus::done; }));
    // The same file reads as a run file: 18 rows of summaries.
    CHECK(read_summary_table(dir.file("whole.h5")).runs == 18);
    const auto killed = read_summary_table(dir.file("whole.h5"));
    CHECK(killed.values[3][0] < killed.values[3][17]); // p_kia 0.0005 kills fewer than 0.004
}

TEST_CASE("each run of a sweep is the replication `rotsim run` gives for its point") {
    SweepDir dir;
    sweep(dir.spec("whole.h5"));
    const SweepFile file(dir.file("whole.h5"));
    // Row 10: point 3 (p_kia 0.002, max_tours 2), replication 1.
    const Scenario point =
        load_scenario(dir.file("small.ini"), {"casualties.p_kia=0.002", "strength.max_tours=2"});
    const ReplicationResult alone = run_replication(point, 11, 1);
    const RunEncoder encoder(file.header());
    CHECK(file.read(10, 1).runs[0].columns == encoder.encode(alone).columns);
}

TEST_CASE("a sweep gives the same file on 1 and 2 threads and as 3 shards merged") {
    SweepDir dir;
    SweepSpec spec = dir.spec("two.h5");
    sweep(spec);
    spec.threads = 1;
    spec.out = dir.file("one.h5");
    sweep(spec);
    require_same_runs(dir.file("one.h5"), dir.file("two.h5"));

    std::vector<std::string> shards;
    for (int i = 0; i < 3; ++i) {
        spec.shard_index = i;
        spec.shard_count = 3;
        spec.out = dir.file("shard" + std::to_string(i) + ".h5");
        CHECK(sweep(spec).runs == 6);
        shards.push_back(spec.out);
    }
    CHECK(merge_sweep_files({shards[2], shards[0], shards[1]}, dir.file("merged.h5"), false,
                            "test") == 18);
    require_same_runs(dir.file("one.h5"), dir.file("merged.h5"));
}

TEST_CASE("an interrupted sweep resumed runs only what is missing and ends as if never stopped") {
    SweepDir dir;
    sweep(dir.spec("whole.h5"));
    SweepSpec spec = dir.spec("stopped.h5");
    std::atomic<bool> stop{false};
    SweepHooks hooks;
    hooks.cancel = &stop;
    hooks.progress = [&](std::int64_t done, std::int64_t) {
        if (done >= 7) stop = true;
    };
    const SweepOutcome first = sweep(spec, hooks);
    CHECK(first.cancelled);
    CHECK(first.done >= 7);
    CHECK(first.done < 18);

    spec.resume = true;
    std::int64_t ran = 0;
    SweepHooks counting;
    counting.run = [&](const Scenario& sc, std::uint64_t seed, std::int64_t replication,
                       const ReplicationOptions& o) {
        ++ran;
        return run_replication(sc, seed, replication, o);
    };
    spec.threads = 1;
    const SweepOutcome second = sweep(spec, counting);
    CHECK(second.resumed == first.done);
    CHECK(ran == 18 - first.done);
    CHECK(second.done == 18);
    require_same_runs(dir.file("whole.h5"), dir.file("stopped.h5"));
    CHECK_FALSE(std::filesystem::exists(dir.file("stopped.h5.resume")));

    // A finished file has nothing to resume; another sweep's file is refused.
    CHECK(sweep(spec, counting).resumed == 18);
    spec.seed = 12;
    CHECK_THROWS_WITH(sweep(spec), Contains("--resume") && Contains("not a file of this sweep") &&
                                       Contains("seeds differ"));
}

TEST_CASE("a failing run is recorded with its reason, and the failure policy says what follows") {
    SweepDir dir;
    SweepHooks hooks;
    hooks.run = [](const Scenario& sc, std::uint64_t seed, std::int64_t replication,
                   const ReplicationOptions& o) {
        if (sc.p_kia == 0.002 && sc.max_tours == 1 && replication == 1)
            throw std::runtime_error("ledger out of balance");
        return run_replication(sc, seed, replication, o);
    };
    SweepSpec spec = dir.spec("continue.h5");
    spec.on_failure = OnFailure::next;
    const SweepOutcome kept = sweep(spec, hooks);
    CHECK(kept.done == 17);
    CHECK(kept.failed == 1);
    CHECK_FALSE(kept.stopped);
    const SweepFile file(dir.file("continue.h5"));
    CHECK(file.status()[7] == RunStatus::failed); // point 2, replication 1
    CHECK_THAT(file.failure(7),
               Contains("point 2 (casualties.p_kia=0.002, strength.max_tours=1)") &&
                   Contains("replication 1") && Contains("ledger out of balance"));
    CHECK(file.failure(6).empty());
    CHECK(std::isnan(read_summary_table(dir.file("continue.h5")).values[0][7]));

    spec.on_failure = OnFailure::stop;
    spec.threads = 1;
    spec.out = dir.file("stop.h5");
    const SweepOutcome stopped = sweep(spec, hooks);
    CHECK(stopped.stopped);
    CHECK(stopped.failed == 1);
    CHECK(stopped.done < 17);
    CHECK_THAT(stopped.first_failure, Contains("ledger out of balance"));
}

TEST_CASE("design points are checked by the scenario loader before anything runs") {
    SweepDir dir;
    SweepSpec spec = dir.spec("bad.h5");
    spec.design.grids = {"casualties.p_kia=0.001,0.5", "casualties.intensity=0:1,0:3"};
    CHECK_THROWS_WITH(prepare_sweep(spec),
                      Contains("point 2 (casualties.p_kia=0.5, casualties.intensity=0:1)") &&
                          Contains("probability") && Contains("more than 1") &&
                          Contains("1 more points are refused"));
    CHECK_FALSE(std::filesystem::exists(spec.out));

    // Under --on-failure continue the point's runs are recorded as failed and the rest run.
    spec.on_failure = OnFailure::next;
    const SweepOutcome outcome = sweep(spec);
    CHECK(outcome.failed == 6);
    CHECK(outcome.done == 6);
    CHECK_THAT(SweepFile(spec.out).failure(9), Contains("point 3") && Contains("more than 1"));

    spec.design.grids = {"casualties.p_kai=0.001,0.002"};
    CHECK_THROWS_WITH(prepare_sweep(spec), Contains("--grid casualties.p_kai") &&
                                               Contains("unknown key") && Contains("p_kia"));
    spec.design.grids = {"casualties.p_kia=0.001,0.002"};
    spec.overrides = {"casualties.p_kia=0.003"};
    CHECK_THROWS_WITH(prepare_sweep(spec), Contains("also given with --set"));
    spec.overrides = {};
    spec.shard_index = 3;
    spec.shard_count = 3;
    CHECK_THROWS_WITH(prepare_sweep(spec), Contains("--shard I/N needs 0 <= I < N"));
}

TEST_CASE("sampled designs draw whole numbers and whole cents where the scenario needs them") {
    SweepDir dir;
    SweepSpec spec = dir.spec("lhs.h5");
    spec.design.grids = {};
    spec.design.lhs = 12;
    spec.design.ranges = {"strength.max_tours=1:3", "pay.monthly_pay_usd=1000:2000",
                          "casualties.training_gap=0:1"};
    const PreparedSweep prepared = prepare_sweep(spec);
    for (const std::string& v : prepared.design.values[0])
        CHECK(v.find('.') == std::string::npos);
    for (const std::string& v : prepared.design.values[1])
        CHECK((v.find('.') == std::string::npos || v.size() - v.find('.') <= 3));
    CHECK(prepared.design.values[2][0].size() > 5); // a real number, not rounded
    spec.design.ranges = {"casualties.p_kai=0:0.001"};
    CHECK_THROWS_WITH(prepare_sweep(spec),
                      Contains("--range casualties.p_kai") && Contains("unknown key"));
}
