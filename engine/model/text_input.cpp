#include "model/text_input.hpp"

#include "model/error.hpp"
#include "model/ini_text.hpp"

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rotsim {

namespace {

// How long an input that is a FIFO with no writer is waited on for one.
constexpr int kFifoWaitSeconds = 10;

} // namespace

std::string read_text_input(const std::string& path, const std::string& what) {
    const std::string named = what + " " + in_quotes(path);
    // O_NONBLOCK: opening a FIFO that no program has open for writing would otherwise wait for
    // one forever. It is cleared before the input is read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw InputError("cannot open " + named + ": " + std::strerror(errno));
    struct Closer {
        int fd;
        explicit Closer(int descriptor) : fd(descriptor) {}
        Closer(const Closer&) = delete;
        Closer& operator=(const Closer&) = delete;
        ~Closer() { ::close(fd); }
    } closer(fd);
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        throw InputError("cannot read " + named + ": " + std::strerror(errno));
    // A directory opens (and reads as empty on some systems): it would silently be no input.
    if (S_ISDIR(info.st_mode)) throw InputError("cannot open " + named + ": it is a directory");
    const std::string too_large = named + " is larger than the limit of " +
                                  std::to_string(kMaxTextInputBytes) + " bytes (16 MiB)";
    // A regular file is measured before it is read; a pipe or a device (/dev/zero) is read only
    // up to the limit.
    if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) > kMaxTextInputBytes)
        throw InputError(too_large);
    std::string text;
    std::array<char, 65536> buffer{};
    auto read_some = [&] {
        ssize_t got = 0;
        do
            got = ::read(fd, buffer.data(), buffer.size());
        while (got < 0 && errno == EINTR);
        if (got > 0) text.append(buffer.data(), static_cast<std::size_t>(got));
        return got;
    };
    if (S_ISFIFO(info.st_mode)) {
        // Still non-blocking: 0 means no program has the FIFO open for writing (a writer that has
        // not written yet gives EAGAIN, and is waited for as long as it takes). Wait a while for
        // one to come; a FIFO that none ever opens is refused instead of waited on forever.
        const ssize_t got = read_some();
        if (got < 0 && errno != EAGAIN)
            throw InputError("cannot read " + named + ": " + std::strerror(errno));
        if (got == 0) {
            pollfd wait{fd, POLLIN, 0};
            int ready = 0;
            do
                ready = ::poll(&wait, 1, kFifoWaitSeconds * 1000);
            while (ready < 0 && errno == EINTR);
            if (ready == 0)
                throw InputError(named + " is a FIFO (named pipe) that no program wrote to in " +
                                 std::to_string(kFifoWaitSeconds) +
                                 " s: start the program that writes it first, or give a file");
        }
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
        throw InputError("cannot read " + named + ": " + std::strerror(errno));
    for (;;) {
        if (text.size() > kMaxTextInputBytes) throw InputError(too_large);
        const ssize_t got = read_some();
        if (got < 0) throw InputError("cannot read " + named + ": " + std::strerror(errno));
        if (got == 0) break;
    }
    if (text.size() > kMaxTextInputBytes) throw InputError(too_large);
    return text;
}

} // namespace rotsim
