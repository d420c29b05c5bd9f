#include <catch2/catch.hpp>

#include "model/error.hpp"
#include "sweep_test_support.hpp"

using namespace rotsim;
using namespace rotsim::testing;
using Catch::Matchers::Contains;

namespace {

std::vector<std::string> shards_of(const SweepDir& dir, SweepSpec spec, int n,
                                   const std::string& name) {
    std::vector<std::string> files;
    for (int i = 0; i < n; ++i) {
        spec.shard_index = i;
        spec.shard_count = n;
        spec.out = dir.file(name + std::to_string(i) + ".h5");
        sweep(spec);
        files.push_back(spec.out);
    }
    return files;
}

} // namespace

TEST_CASE("merge refuses shards of different sweeps, shards given twice and missing shards") {
    SweepDir dir;
    const auto shards = shards_of(dir, dir.spec(""), 3, "s");
    SweepSpec other = dir.spec("");
    other.seed = 99;
    const auto reseeded = shards_of(dir, other, 3, "seed");
    other = dir.spec("");
    other.design.grids = {"casualties.p_kia=0.0005,0.002,0.003", "strength.max_tours=1:2:1"};
    const auto redesigned = shards_of(dir, other, 3, "design");
    other = dir.spec("");
    other.replications = 4;
    const auto more = shards_of(dir, other, 3, "reps");
    const std::string out = dir.file("merged.h5");

    CHECK_THROWS_WITH(merge_sweep_files({shards[0], shards[1], reseeded[2]}, out, false, ""),
                      Contains("seed2.h5") && Contains("not shards of one sweep") &&
                          Contains("seeds differ: 11 and 99"));
    CHECK_THROWS_WITH(merge_sweep_files({shards[0], redesigned[1], shards[2]}, out, false, ""),
                      Contains("design points differ"));
    CHECK_THROWS_WITH(merge_sweep_files({shards[0], shards[1], more[2]}, out, false, ""),
                      Contains("replications per point differ: 3 and 4"));
    CHECK_THROWS_WITH(
        merge_sweep_files({shards[0], shards[1], shards[1], shards[2]}, out, false, ""),
        Contains("are both shard 1/3"));
    CHECK_THROWS_WITH(merge_sweep_files({shards[0], shards[2]}, out, false, ""),
                      Contains("6 of 18 runs") && Contains("missing shards: 1/3"));
    CHECK_THROWS_WITH(merge_sweep_files({shards[0], shards[1], shards[2]}, shards[1], true, ""),
                      Contains("is one of the shards"));
    CHECK_THROWS_WITH(merge_sweep_files({dir.file("small.ini")}, out, false, ""),
                      Contains("small.ini") && Contains("not an HDF5 file"));
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("merge refuses overlapping shards and unfinished ones") {
    SweepDir dir;
    const auto thirds = shards_of(dir, dir.spec(""), 3, "third");
    const auto halves = shards_of(dir, dir.spec(""), 2, "half");
    CHECK_THROWS_WITH(
        merge_sweep_files({thirds[0], halves[0], halves[1]}, dir.file("m.h5"), false, ""),
        Contains("run 0 (point 0, replication 0) is in both"));
    SweepSpec spec = dir.spec("stopped.h5");
    std::atomic<bool> stop{false};
    SweepHooks hooks;
    hooks.cancel = &stop;
    hooks.progress = [&](std::int64_t done, std::int64_t) {
        if (done >= 4) stop = true;
    };
    spec.threads = 1;
    sweep(spec, hooks);
    CHECK_THROWS_WITH(merge_sweep_files({spec.out}, dir.file("m.h5"), false, ""),
                      Contains("stopped.h5") && Contains("is not finished") &&
                          Contains("--resume"));
}

TEST_CASE("merging one whole sweep file copies it") {
    SweepDir dir;
    sweep(dir.spec("whole.h5"));
    CHECK(merge_sweep_files({dir.file("whole.h5")}, dir.file("copy.h5"), false, "") == 18);
    require_same_runs(dir.file("whole.h5"), dir.file("copy.h5"));
}
