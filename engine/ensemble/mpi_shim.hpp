#pragma once

// The only code that knows MPI: the few calls a sweep's ranks need to hand out runs and return
// results. Built against MPI with -DROTSIM_MPI=ON; without it, every process is rank 0 of 1.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace rotsim::mpi {

// Whether this rotsim was built with MPI.
bool built_with_mpi();

// How many processes the launcher (mpirun, srun) started, read from its environment before MPI
// is initialised: 1 when not started by one, 0 when started by one that does not say.
int launched_processes();

// MPI for the lifetime of a sweep. Initialises MPI only when started by a launcher, so that a
// plain `rotsim sweep` never needs one. Only the calling thread may use MPI while it lives.
class Session {
public:
    Session(int* argc, char*** argv);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    int rank() const { return rank_; }
    int size() const { return size_; }

private:
    int rank_ = 0;
    int size_ = 1;
    bool initialised_ = false;
};

// This process's rank and the number of ranks: 0 and 1 unless a Session initialised MPI.
int rank();
int size();

// Point-to-point messages of bytes. send blocks until the buffer may be reused.
void send(int to, int tag, std::span<const std::byte> bytes);
// Whether a message is waiting, from any rank with any tag; if so, which.
bool probe(int& from, int& tag);
std::vector<std::byte> receive(int from, int tag);
// Rank 0's value, on every rank.
int broadcast(int value);
// Ends every rank of the job; for failures after which the ranks cannot agree to stop.
[[noreturn]] void abort(int status);

} // namespace rotsim::mpi
