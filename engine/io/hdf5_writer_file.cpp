// Where ResultWriter's file lives: its temporary name, the rename that publishes it, and what a
// failure leaves behind (docs/reliability.md).
#include "io/hdf5_writer.hpp"

#include "io/hdf5_writer_impl.hpp"
#include "io/writer_lock.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <filesystem>

namespace rotsim {
namespace {

namespace fs = std::filesystem;

// Hidden, in the target's directory (a rename does not cross file systems), and unique to the
// process, which writes one file of a name at a time.
std::string temporary_name(const fs::path& target) {
    return (target.parent_path() /
            ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid())))
        .string();
}

// A rename that fails rather than replace a file that appeared meanwhile.
int rename_new(const std::string& from, const std::string& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
    // The file system cannot refuse to replace; a narrow race is the best there is.
    struct stat st {};
    if (::lstat(to.c_str(), &st) == 0) {
        errno = EEXIST;
        return -1;
    }
    return std::rename(from.c_str(), to.c_str());
}

// Makes a rename survive a power cut. Best effort: the file itself is on the disk already.
void sync_directory(const std::string& file) {
    const fs::path parent = fs::path(file).parent_path();
    const int fd =
        ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

void ResultWriter::Impl::prepare(const std::string& requested, Placement placement) {
    target = requested;
    exceptions = std::uncaught_exceptions();
    final_path = output_target(requested);
    struct stat st {};
    target_existed = ::stat(final_path.c_str(), &st) == 0;
    if (target_existed && S_ISDIR(st.st_mode))
        throw InputError("output '" + requested + "' is a directory; give a file name");
    // A device, as /dev/null or a disk, or a FIFO, is never written: HDF5 would write a file over
    // a disk, and cannot read back what it wrote to /dev/null.
    if (target_existed && !S_ISREG(st.st_mode))
        throw InputError("output '" + requested +
                         "' is not a regular file (a device or a FIFO); give a file name");
    // Before the file is looked at again: a second writer is refused whatever the file holds.
    lock = WriterLock(requested);
    if (target_existed && !overwrite)
        throw InputError("output file '" + requested + "' exists; pass --overwrite to replace it");
    path = placement == Placement::in_place ? final_path : temporary_name(final_path);

    // Created here rather than by HDF5, whose message would not say why it could not.
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
    if (!in_place()) {
        flags |= O_EXCL;
        ::unlink(path.c_str()); // only ever a leftover of a killed process with this id
    }
    const int fd = ::open(path.c_str(), flags, 0666);
    if (fd < 0)
        throw InputError("cannot write HDF5 file '" + target + "'" +
                         (final_path == target ? "" : " (a link to '" + final_path + "')") +
                         ": creating the file failed (" + os_error_text(errno) + ")");
    // A replaced file keeps its permissions.
    if (target_existed && !in_place()) ::fchmod(fd, st.st_mode & 07777);
    ::close(fd);
}

void ResultWriter::Impl::check_io() const {
    if (io.error != 0) throw H5::FileIException(step, "the system refused a write");
}

void ResultWriter::Impl::publish() const {
    if (in_place()) return;
    const int status =
        overwrite ? std::rename(path.c_str(), final_path.c_str()) : rename_new(path, final_path);
    if (status != 0) {
        const int error = errno;
        throw InputError(
            "cannot rename the finished file '" + path + "' to '" + target + "': " +
            (error == EEXIST ? "another program made that file meanwhile" : os_error_text(error)) +
            "; the results are in '" + path + "'");
    }
    sync_directory(final_path);
}

void ResultWriter::Impl::give_up() noexcept {
    // Every write from now on goes nowhere, so that HDF5 closes each object without a failure
    // (hdf5_driver.hpp); a sweep file keeps what was on the disk before.
    io.discarding = true;
    io.closing = true;
    const auto quietly = [](H5::IdComponent& object) {
        try {
            object.close();
        } catch (const H5::Exception&) { // nothing more can be done; the file is given up
        }
    };
    for (Column& c : columns)
        quietly(c.ds);
    for (H5::DataSet& ds : agents)
        quietly(ds);
    quietly(agent_run);
    quietly(agent_contingent);
    for (H5::DataSet& ds : scales.opened)
        quietly(ds);
    quietly(file);
    if (!in_place() || !created) ::unlink(path.c_str());
}

void ResultWriter::Impl::fail(const H5::Exception& e) const {
    std::string what = "cannot write HDF5 file '" + target + "': ";
    if (io.error != 0)
        what += os_error_text(io.error) + ", while " + step;
    else
        what += step + " failed (" + e.getDetailMsg() + ")";
    if (in_place() && created)
        what += "; the file keeps the runs written before, and --resume runs the rest";
    else if (target_existed)
        what += "; the existing file is unchanged";
    else
        what += "; no file was made";
    throw InputError(what);
}

ResultWriter::~ResultWriter() {
    if (!impl_ || !impl_->open) return;
    if (std::uncaught_exceptions() > impl_->exceptions && !impl_->in_place()) {
        impl_->open = false;
        impl_->give_up();
        return;
    }
    try {
        close();
    } catch (...) { // close() gave the file up; nobody is left to tell
    }
}

void ResultWriter::close() {
    if (!impl_ || !impl_->open) return;
    impl_->open = false;
    try {
        impl_->finish();
    } catch (const H5::Exception& e) {
        impl_->give_up();
        impl_->fail(e);
    }
    impl_->publish();
    // The file is whole under its name: the next writer may come.
    impl_->lock.release();
}

} // namespace rotsim
