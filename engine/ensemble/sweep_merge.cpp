// Joining shards: every run of the sweep taken exactly once from the file that holds it, copied
// as stored, into a file laid out as if the sweep had run whole.
#include <algorithm>
#include <filesystem>

#include "ensemble/sweep.hpp"
#include "io/sweep_file.hpp"
#include "model/error.hpp"

namespace rotsim {
namespace {

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

std::string shard_name(const SweepHeader& sw) {
    return std::to_string(sw.shard_index) + "/" + std::to_string(sw.shard_count);
}

std::string run_name(const SweepHeader& sw, std::int64_t row) {
    return "run " + std::to_string(row) + " (point " + std::to_string(row / sw.replications) +
           ", replication " + std::to_string(row % sw.replications) + ")";
}

void check_complete(const SweepFile& file) {
    const auto& status = file.status();
    const auto missing = std::count(status.begin(), status.end(), RunStatus::missing);
    if (missing > 0)
        throw InputError(quoted(file.path()) + " (shard " + shard_name(*file.header().sweep) +
                         ") is not finished: " + std::to_string(missing) + " of " +
                         std::to_string(status.size()) +
                         " runs are missing; finish it with 'rotsim sweep' and the same options "
                         "plus --resume");
    const auto& rows = file.header().sweep->rows;
    if (!std::is_sorted(rows.begin(), rows.end()))
        throw InputError(quoted(file.path()) + ": /runs/row is not in increasing order");
}

// Every run of the whole sweep must be in exactly one of the files.
void check_every_run_once(const std::vector<SweepFile>& files) {
    const SweepHeader& first = *files.front().header().sweep;
    for (std::size_t i = 0; i < files.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
            const SweepHeader &a = *files[i].header().sweep, &b = *files[j].header().sweep;
            if (a.shard_index == b.shard_index && a.shard_count == b.shard_count)
                throw InputError(quoted(files[j].path()) + " and " + quoted(files[i].path()) +
                                 " are both shard " + shard_name(a) + "; give each shard once");
        }
    std::vector<int> owner(static_cast<std::size_t>(first.sweep_runs), -1);
    for (std::size_t f = 0; f < files.size(); ++f)
        for (const std::int64_t row : files[f].header().sweep->rows) {
            int& o = owner[static_cast<std::size_t>(row)];
            if (o >= 0)
                throw InputError(run_name(first, row) + " is in both " +
                                 quoted(files[static_cast<std::size_t>(o)].path()) + " and " +
                                 quoted(files[f].path()) + "; they are overlapping shards");
            o = static_cast<int>(f);
        }
    const auto gaps = std::count(owner.begin(), owner.end(), -1);
    if (gaps == 0) return;
    std::string which;
    const std::int64_t n = first.shard_count;
    bool same_split = std::all_of(files.begin(), files.end(), [&](const SweepFile& f) {
        return f.header().sweep->shard_count == n;
    });
    if (same_split) {
        for (std::int64_t i = 0; i < n; ++i)
            if (std::none_of(files.begin(), files.end(), [&](const SweepFile& f) {
                    return f.header().sweep->shard_index == i;
                }))
                which += (which.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(n);
        which = "; missing shards: " + which;
    } else {
        const auto row = std::find(owner.begin(), owner.end(), -1) - owner.begin();
        which = "; the first is " + run_name(first, row);
    }
    throw InputError(std::to_string(gaps) + " of " + std::to_string(owner.size()) +
                     " runs of the sweep are in none of the files" + which);
}

} // namespace

std::int64_t merge_sweep_files(const std::vector<std::string>& shards, const std::string& out,
                               bool overwrite, const std::string& command_line) {
    if (shards.empty()) throw InputError("give the shard files to merge");
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const std::string& path : shards)
        if (fs::exists(out, ec) && fs::equivalent(path, out, ec))
            throw InputError("--out " + quoted(out) + " is one of the shards to merge");
    std::vector<SweepFile> files;
    files.reserve(shards.size());
    for (const std::string& path : shards)
        files.emplace_back(path);
    for (std::size_t i = 1; i < files.size(); ++i) {
        const std::string difference =
            sweep_difference(files.front().header(), files[i].header(), false);
        if (!difference.empty())
            throw InputError(quoted(files.front().path()) + " and " + quoted(files[i].path()) +
                             " are not shards of one sweep: " + difference);
    }
    for (const SweepFile& file : files)
        check_complete(file);
    check_every_run_once(files);

    RunFileHeader header = files.front().header();
    SweepHeader& sw = *header.sweep;
    sw.shard_index = 0;
    sw.shard_count = 1;
    sw.rows.resize(static_cast<std::size_t>(sw.sweep_runs));
    for (std::int64_t row = 0; row < sw.sweep_runs; ++row)
        sw.rows[static_cast<std::size_t>(row)] = row;
    header.runs = sw.sweep_runs;
    header.command_line = command_line;
    ResultWriter writer(out, header, overwrite);
    // A block of the merged file at a time: each shard's runs in it are consecutive rows of
    // the shard, read at once.
    constexpr std::int64_t block = 4096;
    for (std::int64_t first = 0; first < header.runs; first += block) {
        const std::int64_t last = std::min(header.runs, first + block);
        for (const SweepFile& file : files) {
            const auto& rows = file.header().sweep->rows;
            const auto begin = std::lower_bound(rows.begin(), rows.end(), first) - rows.begin();
            const auto end = std::lower_bound(rows.begin(), rows.end(), last) - rows.begin();
            if (begin == end) continue;
            const StoredRows stored = file.read(begin, end - begin);
            for (auto i = begin; i < end; ++i)
                writer.write_encoded(stored.runs[static_cast<std::size_t>(i - begin)],
                                     rows[static_cast<std::size_t>(i)]);
        }
    }
    writer.close();
    return header.runs;
}

} // namespace rotsim
