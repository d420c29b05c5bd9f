#include "io/file_annex.hpp"

#include "io/file_inspection.hpp"
#include "io/hdf5_schema.hpp"
#include "model/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

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

// A sweep whose writer was killed (or still runs) leaves its file marked open for writing, and
// HDF5 refuses to change it: say so rather than pass on HDF5's words.
H5::H5File open_copy(const fs::path& copy, const std::string& original) {
    try {
        return H5::H5File(copy.string(), H5F_ACC_RDWR);
    } catch (const H5::Exception& e) {
        throw InputError("HDF5 cannot open it for writing (" + e.getDetailMsg() +
                         "); a sweep still running, or one whose writer was killed, must finish "
                         "first: 'rotsim sweep --resume' finishes it, 'rotsim merge " +
                         original + " --out NEW.h5' copies it closed");
    }
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

void annex_group(const std::string& path, const std::string& group, bool overwrite,
                 const std::function<void(H5::Group&)>& fill) {
    const std::string failed = "cannot store /" + group + " in '" + path + "': ";
    std::error_code ec;
    // Through symbolic links: the file is replaced, not the link.
    const fs::path target = fs::canonical(path, ec);
    if (ec) throw InputError(failed + ec.message());
    if (::access(target.c_str(), W_OK) != 0 || ::access(target.parent_path().c_str(), W_OK) != 0)
        throw InputError(failed + "the file or its directory is not writable");
    const fs::path temporary = target.parent_path() / ("." + target.filename().string() + "." +
                                                       group + "-" + std::to_string(::getpid()));
    H5::Exception::dontPrint();
    try {
        fs::copy_file(target, temporary, fs::copy_options::overwrite_existing);
        {
            H5::H5File file = open_copy(temporary, path);
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
        }
        sync_path(temporary, O_RDONLY);
        fs::rename(temporary, target);
    } catch (const InputError& e) {
        fs::remove(temporary, ec);
        throw InputError(failed + e.what() + "; the file is unchanged");
    } catch (const H5::Exception& e) {
        fs::remove(temporary, ec);
        throw InputError(failed + "HDF5: " + e.getDetailMsg() + "; the file is unchanged");
    } catch (const fs::filesystem_error& e) {
        fs::remove(temporary, ec);
        throw InputError(failed + e.code().message() + " (" + e.path1().string() +
                         "); the file is unchanged");
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
