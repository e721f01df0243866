#include "core/base/compress.h"

#include <zlib.h>

#include <algorithm>

namespace tinhso::compress {
namespace {

Bytef* bytes(std::string_view s) {
  return reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
}

// Deflates all of `in` into a fresh string; window_bits selects gzip (31) or raw (-15).
std::string deflate_all(std::string_view in, int level, int window_bits,
                        std::string_view dictionary) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  if (!dictionary.empty() &&
      deflateSetDictionary(&zs, bytes(dictionary), static_cast<uInt>(dictionary.size())) != Z_OK) {
    deflateEnd(&zs);
    return {};
  }
  std::string out;
  out.resize(deflateBound(&zs, in.size()) + 32);
  zs.next_in = bytes(in);
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

std::string deflate_with(std::string_view in, std::string_view dictionary) {
  return deflate_all(in, 6, 15, dictionary);
}

Result<std::string> inflate_with(std::string_view in, std::string_view dictionary,
                                 std::size_t max_out) {
  z_stream zs{};
  if (inflateInit2(&zs, 15) != Z_OK) return Error::internal("inflate: init failed");
  std::string out;
  out.resize(std::min(max_out, std::max<std::size_t>(in.size() * 8, 4096)));
  zs.next_in = bytes(in);
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
    zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
    rc = inflate(&zs, Z_FINISH);
    if (rc == Z_STREAM_END) break;
    if (rc == Z_NEED_DICT) {
      // zlib checks the dictionary's Adler-32 against the one the stream names.
      if (inflateSetDictionary(&zs, bytes(dictionary), static_cast<uInt>(dictionary.size())) !=
          Z_OK) {
        break;
      }
      continue;
    }
    // Only a full output buffer is worth another round: anything else is corrupt or cut short.
    if ((rc != Z_BUF_ERROR && rc != Z_OK) || zs.avail_out != 0 || out.size() >= max_out) break;
    out.resize(std::min(max_out, out.size() * 2));
  }
  std::size_t n = zs.total_out;
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Error::internal("inflate: corrupt, cut short or oversized data");
  out.resize(n);
  return out;
}

}  // namespace tinhso::compress
