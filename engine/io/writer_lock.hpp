#pragma once

// One writer per result file (docs/reliability.md, "One writer per file"). Every command that
// writes or annexes a file holds a WriterLock on it from before its work starts until it ends, so
// that a second writer is refused at once instead of damaging the file.
//
// What is locked is the file's name, not its inode: run files are written under a temporary name
// and renamed, annexes copy the file and rename the copy, so a lock on the file being replaced
// would not stop a writer that opens the new one. The lock is an flock() on a lock file beside
// the target, `.NAME.lock`:
// - flock() belongs to the open file description, so HDF5 opening and closing its own
//   descriptors of the result file (or of the lock file) cannot drop it, as it would a POSIX
//   record lock; the kernel drops it when the holder dies, so a lock left by a killed process
//   (kill -9) never blocks the next writer.
// - The holder removes the lock file when it lets go (normal exit, errors, SIGINT); a writer that
//   opened the file just before it was removed finds, once it holds the lock, that the name no
//   longer leads to what it locked, and starts again.
// - The holder writes its process id into the lock file, for the message of a refused writer
//   (flock() itself does not say who holds it).
// A lock taken again by the process that holds it (a command holding its file while the engine
// writes it) is granted without being taken twice. Names, not files, are locked: two hard links
// to one file are two names. A file system without flock() writes without the lock.

#include <string>
#include <sys/types.h>

namespace rotsim {

// The file an output path names, found before any work is done: through symbolic links, even to
// a target that does not exist yet (the file is then made there, as a shell's '>' would). An empty
// name and a loop of links are an InputError.
std::string output_target(const std::string& requested);

class WriterLock {
public:
    WriterLock() = default;
    // Locks the file `path` names (through symbolic links) for writing. If another process
    // holds it, an InputError names the file and, where known, that process's id.
    explicit WriterLock(const std::string& path);
    ~WriterLock();
    WriterLock(WriterLock&& other) noexcept;
    WriterLock& operator=(WriterLock&& other) noexcept;
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

    // Lets go of the lock, removing the lock file; nothing if not held (or held by an outer lock
    // of this process).
    void release() noexcept;
    // The lock file this lock made and will remove; empty if it holds none of its own.
    const std::string& lock_path() const { return fd_ >= 0 ? lock_path_ : kNone; }

private:
    static inline const std::string kNone;
    int fd_ = -1;
    pid_t owner_ = 0; // a forked child must not remove the lock its parent holds
    std::string lock_path_;
};

} // namespace rotsim
