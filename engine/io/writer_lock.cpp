#include "io/writer_lock.hpp"

#include "io/hdf5_driver.hpp"
#include "model/error.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <system_error>
#include <utility>

namespace rotsim {
namespace {

namespace fs = std::filesystem;

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Whether another descriptor of this process has the lock file open: only a WriterLock keeps one
// open, and only while it holds the lock, so the process holds it already.
bool held_by_this_process(int fd) {
    struct stat mine {};
    if (::fstat(fd, &mine) != 0) return false;
    std::error_code ec;
    for (fs::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        int other = -1;
        const auto [last, error] = std::from_chars(name.data(), name.data() + name.size(), other);
        if (error != std::errc() || last != name.data() + name.size() || other == fd) continue;
        struct stat st {};
        if (::fstat(other, &st) == 0 && same_file(st, mine)) return true;
    }
    return false;
}

// The process id the holder wrote into the lock file; 0 if none yet.
long holder_of(int fd) {
    char text[32] = {};
    const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
    long pid = 0;
    if (n <= 0) return 0;
    const auto [last, error] = std::from_chars(text, text + n, pid);
    return error == std::errc() && last != text && pid > 0 ? pid : 0;
}

void record_holder(int fd) {
    const std::string text = std::to_string(::getpid()) + "\n";
    // Only for the message of a writer that is refused: a failure here costs nothing more.
    if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, text.data(), text.size(), 0);
}

} // namespace

std::string output_target(const std::string& requested) {
    if (requested.empty()) throw InputError("the output file name is empty; give a file name");
    fs::path p = requested;
    for (int links = 0;; ++links) {
        std::error_code ec;
        const fs::file_status status = fs::symlink_status(p, ec);
        if (ec || !fs::is_symlink(status)) return p.string();
        // Linux gives up on paths through more than 40 links (ELOOP); so does rotsim.
        if (links == 40)
            throw InputError("output '" + requested +
                             "' is a symbolic link that leads to itself (a loop); give a file "
                             "name");
        const fs::path next = fs::read_symlink(p, ec);
        if (ec)
            throw InputError("output '" + requested + "': cannot read the symbolic link '" +
                             p.string() + "' (" + ec.message() + ")");
        p = next.is_absolute() ? next : p.parent_path() / next;
    }
}

WriterLock::WriterLock(const std::string& path) {
    const fs::path target = output_target(path);
    const std::string name = target.filename().string();
    if (name.empty() || name == "." || name == "..")
        throw InputError("'" + path + "' names a directory; give a file name");
    // Never a lock file in /dev, nor the lock of something rotsim would not write.
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        throw InputError("'" + path +
                         "' is not a regular file (a directory, a device or a FIFO); rotsim "
                         "writes only regular files");
    lock_path_ = (target.parent_path() / ("." + name + ".lock")).string();
    // A lock file removed by its holder between our open() and our flock() is locked in vain:
    // the name leads to a new file, or none, and we start again. Each round needs another
    // writer to come and go, so a few rounds are plenty.
    for (int round = 0; round < 100; ++round) {
        int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        // Left by another user's killed writer: flock() needs no write access, only the PID
        // goes unrecorded.
        if (fd < 0 && errno == EACCES) {
            fd = ::open(lock_path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
            if (fd < 0) errno = EACCES;
        }
        if (fd < 0 && errno == ENOENT)
            throw InputError("cannot write '" + path + "'" +
                             (target == path ? "" : " (a link to '" + target.string() + "')") +
                             ": its directory '" + target.parent_path().string() +
                             "' does not exist");
        if (fd < 0)
            throw InputError("cannot write '" + path + "'" +
                             (target == path ? "" : " (a link to '" + target.string() + "')") +
                             ": creating its lock file '" + lock_path_ + "' failed (" +
                             os_error_text(errno) + ")");
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            if (error == EWOULDBLOCK && held_by_this_process(fd)) {
                ::close(fd); // the outer lock of this process stays; nothing to let go here
                lock_path_.clear();
                return;
            }
            if (error == EWOULDBLOCK) {
                const long holder = holder_of(fd);
                ::close(fd);
                throw InputError(
                    "'" + path + "' is being written by another process" +
                    (holder > 0 ? " (PID " + std::to_string(holder) + ")" : std::string()) +
                    ", which holds its lock file '" + lock_path_ +
                    "'; two writers at once would damage it: wait until that one ends");
            }
            // No flock() on this file system (ENOLCK, EOPNOTSUPP): written without the lock.
            ::close(fd);
            ::unlink(lock_path_.c_str());
            lock_path_.clear();
            return;
        }
        struct stat locked {};
        struct stat named {};
        if (::fstat(fd, &locked) == 0 && ::lstat(lock_path_.c_str(), &named) == 0 &&
            same_file(locked, named)) {
            fd_ = fd;
            owner_ = ::getpid();
            record_holder(fd);
            return;
        }
        ::close(fd);
    }
    throw InputError("cannot lock '" + path + "' for writing: its lock file '" + lock_path_ +
                     "' keeps being replaced");
}

WriterLock::~WriterLock() {
    release();
}

WriterLock::WriterLock(WriterLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), owner_(other.owner_),
      lock_path_(std::move(other.lock_path_)) {}

WriterLock& WriterLock::operator=(WriterLock&& other) noexcept {
    if (this != &other) {
        release();
        fd_ = std::exchange(other.fd_, -1);
        owner_ = other.owner_;
        lock_path_ = std::move(other.lock_path_);
    }
    return *this;
}

void WriterLock::release() noexcept {
    if (fd_ < 0) return;
    // Removed while still held, so that no writer can lock the old file after we let go and
    // believe it holds the name.
    if (owner_ == ::getpid()) {
        struct stat locked {};
        struct stat named {};
        if (::fstat(fd_, &locked) == 0 && ::lstat(lock_path_.c_str(), &named) == 0 &&
            same_file(locked, named))
            ::unlink(lock_path_.c_str());
    }
    ::close(fd_);
    fd_ = -1;
}

} // namespace rotsim
