#include "ensemble/mpi_shim.hpp"

#include <cstdlib>
#include <stdexcept>

#include "model/error.hpp"

#ifdef ROTSIM_MPI
#include <mpi.h>
#endif

namespace rotsim::mpi {

int launched_processes() {
    // Open MPI's mpirun, then the PMI of MPICH's hydra and of Slurm's srun.
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* value = std::getenv(name)) {
            const int n = std::atoi(value);
            if (n > 0) return n;
        }
    // PMIx (srun --mpi=pmix) tells the rank only: any rank but 0 means several processes.
    if (const char* rank = std::getenv("PMIX_RANK"))
        if (std::atoi(rank) > 0) return 2;
    return std::getenv("PMIX_RANK") ? 0 : 1;
}

#ifdef ROTSIM_MPI

bool built_with_mpi() {
    return true;
}

Session::Session(int* argc, char*** argv) {
    if (launched_processes() == 1) return; // 0: under PMIx, size unknown until MPI says
    int provided = 0;
    // Worker threads never call MPI; the thread that made the session does it all.
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    initialised_ = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() {
    if (initialised_) MPI_Finalize();
}

int rank() {
    int initialised = 0, finalised = 0, value = 0;
    MPI_Initialized(&initialised);
    MPI_Finalized(&finalised);
    if (initialised && !finalised) MPI_Comm_rank(MPI_COMM_WORLD, &value);
    return value;
}

int size() {
    int initialised = 0, finalised = 0, value = 1;
    MPI_Initialized(&initialised);
    MPI_Finalized(&finalised);
    if (initialised && !finalised) MPI_Comm_size(MPI_COMM_WORLD, &value);
    return value;
}

void send(int to, int tag, std::span<const std::byte> bytes) {
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

bool probe(int& from, int& tag) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag) return false;
    from = status.MPI_SOURCE;
    tag = status.MPI_TAG;
    return true;
}

std::vector<std::byte> receive(int from, int tag) {
    MPI_Status status;
    MPI_Probe(from, tag, MPI_COMM_WORLD, &status);
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    std::vector<std::byte> bytes(static_cast<std::size_t>(count));
    MPI_Recv(bytes.data(), count, MPI_BYTE, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return bytes;
}

int broadcast(int value) {
    if (size() == 1) return value;
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value;
}

void abort(int status) {
    if (size() > 1) MPI_Abort(MPI_COMM_WORLD, status);
    std::exit(status);
}

#else

bool built_with_mpi() {
    return false;
}

Session::Session(int*, char***) {
    // Each process would run the whole sweep and write the same file.
    if (const int n = launched_processes(); n > 1)
        throw InputError("started as " + std::to_string(n) +
                         " MPI processes, but this rotsim was built without MPI; rebuild with "
                         "-DROTSIM_MPI=ON, or split the sweep with --shard I/N (docs/hpc.md)");
}

// Not defaulted: the class is the same in both builds, and the MPI build's destructor finalises.
Session::~Session() {} // NOLINT(performance-trivially-destructible,modernize-use-equals-default)

int rank() {
    return 0;
}
int size() {
    return 1;
}
void send(int, int, std::span<const std::byte>) {
    throw std::logic_error("mpi::send without MPI");
}
bool probe(int&, int&) {
    return false;
}
std::vector<std::byte> receive(int, int) {
    throw std::logic_error("mpi::receive without MPI");
}
int broadcast(int value) {
    return value;
}
void abort(int status) {
    std::exit(status);
}

#endif

} // namespace rotsim::mpi
