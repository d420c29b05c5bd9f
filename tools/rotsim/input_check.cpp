#include "input_check.hpp"

#include "io/file_inspection.hpp"
#include "io/writer_lock.hpp"
#include "model/error.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace rotsim::cli {
namespace {

// Lines the child writes before each object it reads start with this byte, so that the parent
// can say where a crash happened; any other line is a message.
constexpr char kPositionMark = '\x1e';
// What the parent keeps of the child's output: the last position and a crash message fit.
constexpr std::size_t kKeptOutput = std::size_t{64} << 10;

// Control characters of a damaged file's names would break the one-line message.
std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text)
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out;
}

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

int timeout_seconds(const std::string& path) {
    if (const char* text = std::getenv("ROTSIM_READ_TIMEOUT")) {
        int value = 0;
        const char* end = text + std::strlen(text);
        if (std::from_chars(text, end, value).ptr == end && value > 0) return value;
    }
    // Reading every value of a sweep's series took 35 s of CPU a GiB of file here (zlib);
    // a loaded machine or a slow shared disk gets five minutes for each GiB.
    struct stat info {};
    const long long gib = ::stat(path.c_str(), &info) == 0 ? info.st_size >> 30 : 0;
    return static_cast<int>(120 + 300 * std::min(gib, 1000LL));
}

struct ChildOutcome {
    int status = 0;
    bool timed_out = false;
    std::string at;                    // the last object it began to read
    std::vector<std::string> messages; // its other lines
};

ChildOutcome run_child(const std::string& path, bool series_values, int seconds) {
    std::vector<char> exe(4096, '\0');
    const ssize_t length = ::readlink("/proc/self/exe", exe.data(), exe.size() - 1);
    if (length <= 0)
        throw InputError("cannot check result file '" + path +
                         "' before reading it: /proc/self/exe does not name rotsim's program");
    std::string program(exe.data(), static_cast<std::size_t>(length));
    std::string command = kInspectCommand, file = path, all_values = "--series-values";
    std::vector<char*> argv = {program.data(), command.data(), file.data()};
    if (series_values) argv.push_back(all_values.data());
    argv.push_back(nullptr);
    // glibc writes its own abort messages ("free(): invalid pointer") to the terminal unless
    // told to use stderr, which the parent reads.
    std::string fatal_to_stderr = "LIBC_FATAL_STDERR_=1";
    std::vector<char*> envp;
    for (char** e = environ; *e != nullptr; ++e)
        envp.push_back(*e);
    envp.push_back(fatal_to_stderr.data());
    envp.push_back(nullptr);

    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw InputError("cannot check result file '" + path + "': " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned =
        posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        throw InputError("cannot check result file '" + path +
                         "' before reading it: cannot start " + program + ": " +
                         std::strerror(spawned));
    }

    ChildOutcome outcome;
    std::string output;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            outcome.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        pollfd ready{fds[0], POLLIN, 0};
        const int n = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (n < 0 && errno != EINTR) break;
        if (n <= 0) continue;
        std::array<char, 4096> buffer{};
        const ssize_t got = ::read(fds[0], buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break; // the child is gone
        output.append(buffer.data(), static_cast<std::size_t>(got));
        if (output.size() > 2 * kKeptOutput) output.erase(0, output.size() - kKeptOutput);
    }
    ::close(fds[0]);
    while (::waitpid(pid, &outcome.status, 0) < 0 && errno == EINTR) {
    }
    std::size_t begin = 0;
    while (begin < output.size()) {
        std::size_t end = output.find('\n', begin);
        if (end == std::string::npos) end = output.size();
        const std::string_view line(output.data() + begin, end - begin);
        if (!line.empty() && line.front() == kPositionMark)
            outcome.at = printable(line.substr(1));
        else if (!line.empty())
            outcome.messages.push_back(printable(line));
        begin = end + 1;
    }
    return outcome;
}

} // namespace

int inspect_command(int argc, char** argv) {
    // A crash here is expected on some damaged files: no core file for it.
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    const bool series_values = argc == 3 && std::string_view(argv[2]) == "--series-values";
    if (argc != 2 && !series_values) {
        std::cerr << "rotsim " << kInspectCommand << ": takes one file, then --series-values\n";
        return 2;
    }
    try {
        inspect_result_file(argv[1], series_values, [](const std::string& where) {
            std::string line(1, kPositionMark);
            line += where;
            line += '\n';
            write_all(STDERR_FILENO, line);
        });
        write_all(STDERR_FILENO, std::string(1, kPositionMark) + "the readers' first steps\n");
        exercise_readers(argv[1]);
        return 0;
    } catch (const std::exception& e) {
        write_all(STDERR_FILENO, std::string(e.what()) + "\n");
        return 2;
    }
}

void check_result_file(const std::string& path, bool series_values) {
    const int seconds = timeout_seconds(path);
    const ChildOutcome child = run_child(path, series_values, seconds);
    const std::string head = "cannot read result file '" + path + "': the file is damaged (";
    const std::string where = child.at.empty() ? std::string() : " at " + child.at;
    if (child.timed_out)
        throw InputError(head + "reading it did not finish in " + std::to_string(seconds) + " s" +
                         where +
                         "; HDF5 can loop forever on some damaged files; ROTSIM_READ_TIMEOUT=" +
                         "SECONDS gives it longer)");
    if (WIFSIGNALED(child.status)) {
        const int signal = WTERMSIG(child.status);
        if (signal == SIGINT || signal == SIGTERM || signal == SIGHUP)
            throw InputError("reading result file '" + path + "' was interrupted (" +
                             strsignal(signal) + ")");
        std::string detail;
        for (const std::string& message : child.messages)
            detail += message + "; ";
        throw InputError(head + "HDF5 crashed reading it" + where + ": " + detail +
                         strsignal(signal) + ")");
    }
    const int status = WIFEXITED(child.status) ? WEXITSTATUS(child.status) : -1;
    if (status == 0) return;
    if (!child.messages.empty()) throw InputError(child.messages.back());
    throw InputError(head + "reading it ended with exit status " + std::to_string(status) + where +
                     ")");
}

int launched_rank() {
    for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"})
        if (const char* value = std::getenv(name)) return std::atoi(value);
    return 0;
}

void check_file_to_resume(const std::string& path) {
    // Only rank 0 probes: ranks probing at once would refuse each other.
    if (launched_rank() == 0) WriterLock{path}.release();
    check_result_file(path, true);
}

} // namespace rotsim::cli
