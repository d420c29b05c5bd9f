// A POSIX file driver for HDF5 1.10, as the library's own "sec2" but for what hdf5_driver.hpp
// says. Written against the public driver interface of H5FDpublic.h.
#include "io/hdf5_driver.hpp"

#include <H5FDpublic.h>
#include <H5Ppublic.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace rotsim {
namespace {

// What the file access property list carries to open(): HDF5 copies it by value.
struct DriverInfo {
    DriverState* state = nullptr;
};

// HDF5 hands every callback the H5FD_t it was given by open(), so it must come first.
struct File {
    H5FD_t pub;
    int fd = -1;
    haddr_t eoa = 0; // end of the space HDF5 has allocated
    haddr_t eof = 0; // end of the file as written
    dev_t device = 0;
    ino_t inode = 0;
    DriverState* state = nullptr;
};

constexpr haddr_t kMaxAddress = (haddr_t{1} << (8 * sizeof(off_t) - 1)) - 1;
constexpr std::size_t kMostPerCall = 0x7ffff000; // Linux moves at most this much per call

// HDF5's H5FD_t is the first member of File, which open_file() allocated.
File* file_of(H5FD_t* f) {
    return reinterpret_cast<File*>(f);
}
const File* file_of(const H5FD_t* f) {
    return reinterpret_cast<const File*>(f);
}

H5FD_t* open_file(const char* name, unsigned flags, hid_t fapl, haddr_t maxaddr) {
    if (!name || !*name || maxaddr == 0 || maxaddr == HADDR_UNDEF || maxaddr > kMaxAddress)
        return nullptr;
    int o_flags = (flags & H5F_ACC_RDWR) ? O_RDWR : O_RDONLY;
    if (flags & H5F_ACC_TRUNC) o_flags |= O_TRUNC;
    if (flags & H5F_ACC_CREAT) o_flags |= O_CREAT;
    if (flags & H5F_ACC_EXCL) o_flags |= O_EXCL;
    const int fd = ::open(name, o_flags | O_CLOEXEC, 0666);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return nullptr;
    }
    auto* file = new File{};
    file->fd = fd;
    file->eof = static_cast<haddr_t>(st.st_size);
    file->device = st.st_dev;
    file->inode = st.st_ino;
    const auto* info = static_cast<const DriverInfo*>(H5Pget_driver_info(fapl));
    file->state = info ? info->state : nullptr;
    if (file->state) file->state->fd = fd;
    return &file->pub;
}

// A failure to close the descriptor is not passed on: HDF5 could not survive it (see the
// header), and the writer's fsync before closing is where the system reports lost writes.
herr_t close_file(H5FD_t* f) {
    File* file = file_of(f);
    ::close(file->fd);
    if (file->state && file->state->fd == file->fd) file->state->fd = -1;
    delete file;
    return 0;
}

int compare(const H5FD_t* a, const H5FD_t* b) {
    const File* x = file_of(a);
    const File* y = file_of(b);
    if (x->device != y->device) return x->device < y->device ? -1 : 1;
    if (x->inode != y->inode) return x->inode < y->inode ? -1 : 1;
    return 0;
}

// What the library's POSIX driver declares, so that HDF5 treats the two alike (SWMR included).
herr_t query(const H5FD_t* /*file*/, unsigned long* flags) {
    if (flags)
        *flags = H5FD_FEAT_AGGREGATE_METADATA | H5FD_FEAT_ACCUMULATE_METADATA |
                 H5FD_FEAT_DATA_SIEVE | H5FD_FEAT_AGGREGATE_SMALLDATA |
                 H5FD_FEAT_POSIX_COMPAT_HANDLE | H5FD_FEAT_SUPPORTS_SWMR_IO |
                 H5FD_FEAT_DEFAULT_VFD_COMPATIBLE;
    return 0;
}

haddr_t get_eoa(const H5FD_t* f, H5FD_mem_t /*type*/) {
    return file_of(f)->eoa;
}

herr_t set_eoa(H5FD_t* f, H5FD_mem_t /*type*/, haddr_t address) {
    file_of(f)->eoa = address;
    return 0;
}

haddr_t get_eof(const H5FD_t* f, H5FD_mem_t /*type*/) {
    return file_of(f)->eof;
}

herr_t get_handle(H5FD_t* f, hid_t /*fapl*/, void** handle) {
    if (!handle) return -1;
    *handle = &file_of(f)->fd;
    return 0;
}

herr_t read_file(H5FD_t* f, H5FD_mem_t /*type*/, hid_t /*dxpl*/, haddr_t address, std::size_t size,
                 void* buffer) {
    File* file = file_of(f);
    auto* out = static_cast<unsigned char*>(buffer);
    while (size > 0) {
        const ssize_t n =
            ::pread(file->fd, out, std::min(size, kMostPerCall), static_cast<off_t>(address));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) { // past the end of the file: HDF5 expects zeros, as from sec2
            std::memset(out, 0, size);
            break;
        }
        out += n;
        address += static_cast<haddr_t>(n);
        size -= static_cast<std::size_t>(n);
    }
    return 0;
}

// A failure is recorded and, unless the file is closing, reported to HDF5, which then fails
// the call that wrote; from then on every write is dropped.
herr_t failed(File* file) {
    const int error = errno;
    if (!file->state) return -1;
    file->state->record(error);
    return file->state->closing ? 0 : -1;
}

herr_t write_file(H5FD_t* f, H5FD_mem_t /*type*/, hid_t /*dxpl*/, haddr_t address, std::size_t size,
                  const void* buffer) {
    File* file = file_of(f);
    const haddr_t end = address + size;
    if (!file->state || !file->state->discarding) {
        const auto* in = static_cast<const unsigned char*>(buffer);
        while (size > 0) {
            const ssize_t n =
                ::pwrite(file->fd, in, std::min(size, kMostPerCall), static_cast<off_t>(address));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                if (n == 0) errno = EIO;
                return failed(file);
            }
            in += n;
            address += static_cast<haddr_t>(n);
            size -= static_cast<std::size_t>(n);
        }
    }
    file->eof = std::max(file->eof, end);
    return 0;
}

herr_t truncate_file(H5FD_t* f, hid_t /*dxpl*/, hbool_t /*closing*/) {
    File* file = file_of(f);
    if (file->eoa == file->eof) return 0;
    if ((!file->state || !file->state->discarding) &&
        ::ftruncate(file->fd, static_cast<off_t>(file->eoa)) != 0 && failed(file) < 0)
        return -1;
    file->eof = file->eoa;
    return 0;
}

// Advisory locks as sec2 takes them; a file system without flock() is no reason to fail.
herr_t lock_file(H5FD_t* f, hbool_t rw) {
    if (::flock(file_of(f)->fd, (rw ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 || errno == ENOSYS)
        return 0;
    return -1;
}

herr_t unlock_file(H5FD_t* f) {
    if (::flock(file_of(f)->fd, LOCK_UN) == 0 || errno == ENOSYS) return 0;
    return -1;
}

const H5FD_class_t kDriverClass = {
    .name = "rotsim_posix",
    .maxaddr = kMaxAddress,
    .fc_degree = H5F_CLOSE_WEAK,
    .terminate = nullptr,
    .sb_size = nullptr,
    .sb_encode = nullptr,
    .sb_decode = nullptr,
    .fapl_size = sizeof(DriverInfo),
    .fapl_get = nullptr,
    .fapl_copy = nullptr,
    .fapl_free = nullptr,
    .dxpl_size = 0,
    .dxpl_copy = nullptr,
    .dxpl_free = nullptr,
    .open = open_file,
    .close = close_file,
    .cmp = compare,
    .query = query,
    .get_type_map = nullptr,
    .alloc = nullptr,
    .free = nullptr,
    .get_eoa = get_eoa,
    .set_eoa = set_eoa,
    .get_eof = get_eof,
    .get_handle = get_handle,
    .read = read_file,
    .write = write_file,
    .flush = nullptr,
    .truncate = truncate_file,
    .lock = lock_file,
    .unlock = unlock_file,
    .fl_map = H5FD_FLMAP_DICHOTOMY,
};

hid_t driver_id() {
    // Registered once, on first use; the id is then constant for the life of the process.
    static const hid_t id = H5FDregister(&kDriverClass);
    return id;
}

} // namespace

herr_t use_driver(hid_t access_list, DriverState& state) {
    const DriverInfo info{&state};
    return H5Pset_driver(access_list, driver_id(), &info);
}

std::string os_error_text(int errno_value) {
    switch (errno_value) {
    case ENOSPC:
        return "no space left on device";
    case EDQUOT:
        return "disk quota exceeded";
    case EFBIG:
        return "file too large: the file size limit (ulimit -f) was reached";
    default: {
        char text[256];
        return strerror_r(errno_value, text, sizeof text); // GNU's: returns the text
    }
    }
}

} // namespace rotsim
