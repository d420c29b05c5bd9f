#pragma once

#include <cstdint>

#include "ensemble/sweep.hpp"

namespace rotsim {

// The random streams of run r of design point p in a calibration: replication p x R + r of the
// seed, with R runs a point. A sweep gives replication r of every point the same streams (common
// random numbers), which sharpens comparisons between points but makes all of them share one
// draw of the model's noise; rejection ABC needs each point's simulation to be a draw of its
// own, or its posterior is conditioned on that one draw and shifts with it.
inline std::int64_t calibration_stream(std::int64_t point, std::int64_t replications,
                                       std::int64_t replication) {
    return point * replications + replication;
}

// Runs every row of a prepared sweep into a new sweep file, as run_sweep does on this process's
// threads, but each run with its calibration_stream, which /runs/replication records. Refuses an
// existing file unless spec.overwrite; no --resume, no MPI, no shards. Stops at the first failed
// run.
// Point p of the sweep is point first_point + p of the calibration (a sequential calibration runs
// its proposals as several sweeps), and draws that point's streams.
SweepOutcome run_calibration_sweep(const PreparedSweep& sweep, const SweepHooks& hooks = {},
                                   std::int64_t first_point = 0);

} // namespace rotsim
