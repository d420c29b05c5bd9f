#!/bin/bash
# Set-up for a fresh Debian 12 machine, then one of two jobs:
#   tools/bootstrap.sh run    build, then run the article's scenario (300 replications) to HDF5
#   tools/bootstrap.sh test   build, then run the whole test suite through ctest (clang-tidy
#                             over engine/ and tools/ included), then build it again under
#                             AddressSanitizer + UBSan (build-sanitize/) and rerun it
# Installs only the Debian packages that are missing (silent when all are present).
set -euo pipefail
cd "$(dirname "$0")/.."

job=${1:-}
if [ "$job" != run ] && [ "$job" != test ]; then
    echo "usage: tools/bootstrap.sh run|test" >&2
    exit 2
fi

packages=(g++ make cmake git libboost-program-options-dev libboost-random-dev libeigen3-dev
          libhdf5-dev librandom123-dev catch2 python3-h5py python3-numpy python3-matplotlib
          python3-xarray python3-h5netcdf
          zlib1g-dev libopenmpi-dev openmpi-bin clang-14 libclang-rt-14-dev clang-tidy-14)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing missing packages: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "run as root to install: ${missing[*]}" >&2; exit 1; }
        sudo=sudo
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
# With MPI, so that the suite runs sweeps across ranks too (docs/hpc.md).
# The test job also runs clang-tidy as a test (about 7 minutes of 2 cores, docs/reliability.md).
tidy=OFF
[ "$job" = test ] && tidy=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DROTSIM_MPI=ON -DROTSIM_CLANG_TIDY_TEST=$tidy >/dev/null
cmake --build build -j "$jobs"

if [ "$job" = run ]; then
    mkdir -p results
    out="results/article-2024-$(date -u +%Y%m%dT%H%M%SZ).h5"
    ./build/tools/rotsim run scenarios/article-2024.ini --replications 300 --seed 2024 --out "$out"
else
    # Clang (clang-14, libclang-rt-14-dev) adds a few seconds of libFuzzer on each fuzz target.
    ctest --test-dir build --output-on-failure -j "$jobs"
    # The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer; any report
    # fails its test (docs/reliability.md).
    cmake --preset sanitize >/dev/null
    cmake --build --preset sanitize -j "$jobs"
    ctest --preset sanitize -j "$jobs"
fi
