// RunEncoder: a run turned into a sweep file's bytes. Each series becomes one chunk, filtered as
// HDF5's own pipeline would (byte shuffle, then zlib at level 4), so that any reader inflates it.
#include "io/hdf5_writer_impl.hpp"

#include "model/money.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace rotsim {
namespace {

// The HDF5 shuffle filter: byte k of every value, then byte k+1 of every value, and so on.
std::vector<std::byte> shuffled(const std::vector<std::byte>& values, std::size_t value_bytes) {
    const std::size_t n = values.size() / value_bytes;
    std::vector<std::byte> out(values.size());
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t b = 0; b < value_bytes; ++b)
            out[b * n + i] = values[i * value_bytes + b];
    return out;
}

// One deflate state per thread, reset between chunks: creating one costs more than compressing
// a run's series. Same output as compress2(), which HDF5's deflate filter calls.
class Deflater {
public:
    Deflater() {
        if (deflateInit(&stream_, kDeflateLevel) != Z_OK)
            throw std::runtime_error("zlib: cannot start deflate");
    }
    ~Deflater() { deflateEnd(&stream_); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    std::vector<std::byte> operator()(const std::vector<std::byte>& in) {
        // A run's series is at most 36,500 days of 8 bytes; zlib's bound is a little more.
        const std::size_t bound = std::min<std::size_t>(
            deflateBound(&stream_, static_cast<uLong>(in.size())), std::size_t{1} << 30);
        std::vector<std::byte> out(bound);
        deflateReset(&stream_);
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data()));
        stream_.avail_in = static_cast<uInt>(in.size());
        stream_.next_out = reinterpret_cast<Bytef*>(out.data());
        stream_.avail_out = static_cast<uInt>(bound);
        if (deflate(&stream_, Z_FINISH) != Z_STREAM_END)
            throw std::runtime_error("zlib: deflate did not finish");
        out.resize(static_cast<std::size_t>(stream_.total_out));
        return out;
    }

private:
    z_stream stream_{};
};

template <class T> void append(std::vector<std::byte>& out, T value) {
    const auto* p = reinterpret_cast<const std::byte*>(&value);
    out.insert(out.end(), p, p + sizeof(T));
}

} // namespace

RunEncoder::RunEncoder(const RunFileHeader& header)
    : metrics_(stored_metric_indices(header)), ticks_(stored_ticks(header.ticks, header.every)),
      single_precision_(header.single_precision) {}

EncodedRun RunEncoder::encode(const ReplicationResult& result) const {
    if (result.series.rows() != kMetricCount ||
        result.series.cols() <= static_cast<Eigen::Index>(ticks_.back()))
        throw std::invalid_argument("RunEncoder::encode: series is not metrics x ticks");
    thread_local Deflater deflate;
    EncodedRun run;
    std::vector<std::byte> values;
    for (const int m : metrics_) {
        const bool money = kMetrics[static_cast<std::size_t>(m)].unit == Unit::money;
        values.clear();
        for (const int t : ticks_) {
            const std::int64_t v = result.series(m, t);
            const double x = money ? to_usd(v) : static_cast<double>(v);
            if (single_precision_)
                append(values, static_cast<float>(x));
            else if (money)
                append(values, x);
            else
                append(values, v);
        }
        run.columns.push_back(deflate(shuffled(values, single_precision_ ? 4 : 8)));
    }
    for (const double s : result.summary)
        append(run.columns.emplace_back(), s);
    append(run.columns.emplace_back(), result.replication);
    append(run.columns.emplace_back(), result.seed);
    append(run.columns.emplace_back(), static_cast<std::int8_t>(RunStatus::done));
    run.columns.emplace_back(); // no failure
    return run;
}

EncodedRun RunEncoder::failure(std::int64_t replication, std::uint64_t seed,
                               const std::string& reason) const {
    EncodedRun run;
    run.columns.resize(metrics_.size()); // no series
    for (int s = 0; s < kSummaryCount; ++s)
        append(run.columns.emplace_back(), std::numeric_limits<double>::quiet_NaN());
    append(run.columns.emplace_back(), replication);
    append(run.columns.emplace_back(), seed);
    append(run.columns.emplace_back(), static_cast<std::int8_t>(RunStatus::failed));
    // Cut to the fixed length of /runs/failure at a character boundary.
    std::string text = reason;
    if (text.size() > kFailureBytes) {
        std::size_t cut = kFailureBytes - 3;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text = text.substr(0, cut) + "...";
    }
    auto& bytes = run.columns.emplace_back(kFailureBytes, std::byte{0});
    std::memcpy(bytes.data(), text.data(), text.size());
    return run;
}

} // namespace rotsim
