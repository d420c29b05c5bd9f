#pragma once

// The file driver ResultWriter writes through. Private to engine/io.
//
// HDF5 1.10 cannot recover from a failed write: an object whose close fails is freed but its id
// stays, and the library crashes closing it again, at the latest when the program exits. With
// the standard POSIX driver a full disk therefore ended in a crash or, with the failure caught
// in destructors, in a truncated file and exit status 0. This driver does the same POSIX I/O,
// but after the first failed write it drops every later write, so that HDF5 can still close
// every object, and it keeps the operating system's reason, which HDF5's messages lose.

#include <H5Ipublic.h>
#include <H5public.h>

#include <string>

namespace rotsim {

// What the driver reports about one file to the writer that owns it. The writer passes it to
// the driver through the file access property list, and it must outlive the HDF5 file.
struct DriverState {
    int fd = -1;             // the open file, for fsync
    int error = 0;           // errno of the first failed write, truncation or fsync; 0: none
    bool discarding = false; // drop every write and truncation: the file is being given up
    // Set before closing: a failed write is then recorded and reported to HDF5 as done, since a
    // failed close is what HDF5 cannot survive.
    bool closing = false;

    void record(int errno_value) {
        if (error == 0) error = errno_value;
        discarding = true;
    }
};

// Makes a file access property list write through the driver, reporting to `state`.
herr_t use_driver(hid_t access_list, DriverState& state);

// The reason for an errno, as a modeler reads it: "no space left on device".
std::string os_error_text(int errno_value);

} // namespace rotsim
