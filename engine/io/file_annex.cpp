#include "io/file_annex.hpp"

#include "io/file_inspection.hpp"
#include "io/hdf5_driver.hpp"
#include "io/hdf5_schema.hpp"
#include "io/writer_lock.hpp"
#include "model/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <vector>

namespace rotsim {
namespace {

namespace fs = std::filesystem;

H5::H5File open_for_reading(const std::string& path) {
    try {
        return H5::H5File(path, H5F_ACC_RDONLY);
    } catch (const H5::Exception&) {
        return H5::H5File(path, H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5::FileCreatPropList::DEFAULT,
                          swmr_read_access());
    }
}

void sync_path(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags);
    const int failed = fd < 0 || ::fsync(fd) != 0 ? errno : 0;
    if (fd >= 0) ::close(fd);
    if (failed != 0)
        throw fs::filesystem_error("cannot sync", path,
                                   std::error_code(failed, std::generic_category()));
}

// Copies the file's bytes and permissions to a new file. Not std::filesystem::copy_file, which
// reports a full disk as "Input/output error".
void copy_contents(const fs::path& from, const fs::path& to) {
    const auto failure = [&](const fs::path& where) {
        return fs::filesystem_error("cannot copy", where,
                                    std::error_code(errno, std::generic_category()));
    };
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) throw failure(from);
    struct stat st {};
    const int out = ::fstat(in, &st) == 0
                        ? ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)
                        : -1;
    if (out < 0) {
        const fs::filesystem_error error = failure(to);
        ::close(in);
        throw error;
    }
    std::vector<char> buffer(std::size_t{1} << 20);
    bool failed_reading = false;
    bool failed_writing = ::fchmod(out, st.st_mode & 07777) != 0;
    while (!failed_reading && !failed_writing) {
        const ssize_t n = ::read(in, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            failed_reading = n < 0;
            break;
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w =
                ::write(out, buffer.data() + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                if (w == 0) errno = EIO;
                failed_writing = true;
                break;
            }
            done += w;
        }
    }
    const fs::filesystem_error error = failure(failed_reading ? from : to);
    ::close(in);
    if (::close(out) != 0 && !failed_reading && !failed_writing) throw failure(to);
    if (failed_reading || failed_writing) throw error;
}

// A sweep whose writer was killed (or still runs) leaves its file marked open for writing, and
// HDF5 refuses to change it: say so rather than pass on HDF5's words. Written through rotsim's
// driver, which keeps the system's reason for a failed write (a full disk) that HDF5 loses.
H5::H5File open_copy(const fs::path& copy, const std::string& original, DriverState& io) {
    H5::FileAccPropList access;
    if (use_driver(access.getId(), io) < 0)
        throw H5::FileIException("open_copy", "cannot set the file driver");
    try {
        return H5::H5File(copy.string(), H5F_ACC_RDWR, H5::FileCreatPropList::DEFAULT, access);
    } catch (const H5::Exception& e) {
        throw InputError("HDF5 cannot open it for writing (" + e.getDetailMsg() +
                         "); a sweep still running, or one whose writer was killed, must finish "
                         "first: 'rotsim sweep --resume' finishes it, 'rotsim merge " +
                         original + " --out NEW.h5' copies it closed");
    }
}

// What the system said, as a modeler reads it ("no space left on device").
std::string reason_of(const std::error_code& code) {
    return code.category() == std::generic_category() || code.category() == std::system_category()
               ? os_error_text(code.value())
               : code.message();
}

} // namespace

bool file_has_group(const std::string& path, const std::string& group) {
    H5::Exception::dontPrint();
    try {
        return open_for_reading(path).nameExists(group);
    } catch (const H5::Exception& e) {
        throw InputError("cannot read result file '" + path +
                         "': the file is damaged or truncated (" +
                         hdf5_call_words(e.getDetailMsg()) + " failed)");
    }
}

std::string annex_copy_path(const std::string& path, const std::string& group) {
    std::error_code ec;
    // Through symbolic links: the file is replaced, not the link.
    const fs::path target = fs::canonical(path, ec);
    if (ec) return {};
    return (target.parent_path() /
            ("." + target.filename().string() + "." + group + "-" + std::to_string(::getpid())))
        .string();
}

void annex_group(const std::string& path, const std::string& group, bool overwrite,
                 const std::function<void(H5::Group&)>& fill) {
    const std::string failed = "cannot store /" + group + " in '" + path + "': ";
    // Held by the command from before its work, too; taken here for any other caller.
    const WriterLock lock(path);
    std::error_code ec;
    // Through symbolic links: the file is replaced, not the link.
    const fs::path target = fs::canonical(path, ec);
    if (ec) throw InputError(failed + ec.message());
    if (::access(target.c_str(), W_OK) != 0 || ::access(target.parent_path().c_str(), W_OK) != 0)
        throw InputError(failed + "the file or its directory is not writable");
    const fs::path temporary = annex_copy_path(target, group);
    H5::Exception::dontPrint();
    DriverState io; // outlives the copy's HDF5 file, which reports to it
    try {
        copy_contents(target, temporary);
        {
            H5::H5File file = open_copy(temporary, path, io);
            // Every failed write is recorded and reported to HDF5 as done, the rest dropped: the
            // copy is thrown away if one failed, and a dataset's data is written when it closes,
            // often in a destructor, where HDF5 1.10 cannot survive a failure (hdf5_driver.hpp).
            io.closing = true;
            if (file.nameExists(group)) {
                if (!overwrite)
                    throw InputError("it holds /" + group + " already; give --overwrite to " +
                                     "replace it");
                // The old group's space stays unused in the file; h5repack reclaims it.
                if (H5Ldelete(file.getId(), group.c_str(), H5P_DEFAULT) < 0)
                    throw InputError("cannot remove the old /" + group);
            }
            H5::Group created = create_group(file, group.c_str());
            fill(created);
            created.close();
            file.close();
            if (io.error != 0) throw std::system_error(io.error, std::generic_category());
        }
        sync_path(temporary, O_RDONLY);
        fs::rename(temporary, target);
    } catch (const InputError& e) {
        fs::remove(temporary, ec);
        throw InputError(failed + e.what() + "; the file is unchanged");
    } catch (const H5::Exception& e) {
        fs::remove(temporary, ec);
        throw InputError(failed +
                         (io.error != 0
                              ? os_error_text(io.error) + " (writing '" + temporary.string() + "')"
                              : "HDF5: " + e.getDetailMsg()) +
                         "; the file is unchanged");
    } catch (const fs::filesystem_error& e) {
        fs::remove(temporary, ec);
        throw InputError(failed + reason_of(e.code()) + " (" + e.path1().string() +
                         "); the file is unchanged");
    } catch (const std::system_error& e) {
        fs::remove(temporary, ec);
        throw InputError(failed + reason_of(e.code()) + " (writing '" + temporary.string() +
                         "'); the file is unchanged");
    } catch (const std::exception& e) {
        fs::remove(temporary, ec);
        throw InputError(failed + e.what() + "; the file is unchanged");
    }
    // The rename is done; syncing the directory only hastens it to the disk.
    try {
        sync_path(target.parent_path(), O_RDONLY | O_DIRECTORY);
    } catch (const fs::filesystem_error&) {
    }
}

} // namespace rotsim
