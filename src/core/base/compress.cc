#include "core/base/compress.h"

#include <zlib.h>

#include <algorithm>

namespace tinhso::compress {
namespace {

Bytef* bytes_of(std::string_view s) {
  return reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
}

std::uint32_t adler32_of(std::string_view s) {
  return static_cast<std::uint32_t>(adler32_z(adler32(0, nullptr, 0), bytes_of(s), s.size()));
}

std::uint32_t big_endian32(std::string_view s) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

// One raw-inflate state per thread, reset for each record: inflateInit allocates about 7 KB of
// state, and the first inflation a 32 KB window, which a hot read path should not pay each time.
class RawInflater {
 public:
  RawInflater() { ok_ = inflateInit2(&zs_, -15) == Z_OK; }
  ~RawInflater() {
    if (ok_) inflateEnd(&zs_);
  }
  RawInflater(const RawInflater&) = delete;
  RawInflater& operator=(const RawInflater&) = delete;
  // The stream ready for new input, or null if zlib could not allocate its state.
  z_stream* reset() {
    if (!ok_ || inflateReset(&zs_) != Z_OK) return nullptr;
    return &zs_;
  }

 private:
  z_stream zs_{};
  bool ok_ = false;
};

// Deflates all of `in` into a fresh string; window_bits selects gzip (31) or raw (-15).
std::string deflate_all(std::string_view in, int level, int window_bits,
                        std::string_view dictionary) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  if (!dictionary.empty() && deflateSetDictionary(&zs, bytes_of(dictionary),
                                                  static_cast<uInt>(dictionary.size())) != Z_OK) {
    deflateEnd(&zs);
    return {};
  }
  std::string out;
  out.resize(deflateBound(&zs, in.size()) + 32);
  zs.next_in = bytes_of(in);
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

}  // namespace

std::string gzip(std::string_view in) {
  return deflate_all(in, 9, 15 + 16, {});
}

Dictionary::Dictionary(std::string_view bytes) : bytes_(bytes), id_(adler32_of(bytes)) {}

std::string deflate_with(std::string_view in, const Dictionary& dictionary) {
  return deflate_all(in, 6, 15, dictionary.bytes());
}

Result<std::string> inflate_with(std::string_view in, const Dictionary& dictionary,
                                 std::size_t max_out) {
  auto corrupt = [] { return Error::internal("inflate: corrupt, cut short or oversized data"); };
  // RFC 1950: CMF, FLG, DICTID when FLG.FDICT is set, the raw deflate data, Adler-32 of the
  // output. The wrapper is read here so that the dictionary's checksum is not recomputed for
  // every record, as inflateSetDictionary on a zlib stream would.
  if (in.size() < 2 + 4) return corrupt();
  unsigned cmf = static_cast<unsigned char>(in[0]);
  unsigned flg = static_cast<unsigned char>(in[1]);
  if ((cmf & 0x0fu) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0) return corrupt();
  std::size_t pos = 2;
  bool preset = (flg & 0x20u) != 0;
  if (preset) {
    if (in.size() < pos + 4 + 4) return corrupt();
    if (big_endian32(in.substr(pos)) != dictionary.id())
      return Error::internal("inflate: the data was made with another dictionary");
    pos += 4;
  }
  std::string_view body = in.substr(pos, in.size() - pos - 4);
  std::uint32_t checksum = big_endian32(in.substr(in.size() - 4));

  thread_local RawInflater inflater;
  z_stream* zs = inflater.reset();
  if (zs == nullptr) return Error::internal("inflate: init failed");
  if (preset && inflateSetDictionary(zs, bytes_of(dictionary.bytes()),
                                     static_cast<uInt>(dictionary.bytes().size())) != Z_OK) {
    return Error::internal("inflate: dictionary refused");
  }
  std::string out;
  out.resize(std::min(max_out, std::max<std::size_t>(body.size() * 8, 4096)));
  zs->next_in = bytes_of(body);
  zs->avail_in = static_cast<uInt>(body.size());
  int rc = Z_OK;
  while (true) {
    zs->next_out = reinterpret_cast<Bytef*>(out.data() + zs->total_out);
    zs->avail_out = static_cast<uInt>(out.size() - zs->total_out);
    rc = inflate(zs, Z_FINISH);
    if (rc == Z_STREAM_END) break;
    // Only a full output buffer is worth another round: anything else is corrupt or cut short.
    if ((rc != Z_BUF_ERROR && rc != Z_OK) || zs->avail_out != 0 || out.size() >= max_out) break;
    out.resize(std::min(max_out, out.size() * 2));
  }
  if (rc != Z_STREAM_END || zs->avail_in != 0) return corrupt();
  out.resize(zs->total_out);
  if (adler32_of(out) != checksum) return corrupt();
  return out;
}

}  // namespace tinhso::compress
