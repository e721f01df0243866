// zlib compression: gzip for HTTP bodies, and deflate with a preset dictionary for small
// records stored in the database (a dictionary of what such records share makes a 2.6 KB JSON
// document about 330 bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::compress {

// gzip member (RFC 1952) at the highest level; empty if zlib fails.
std::string gzip(std::string_view in);

// A preset dictionary and its Adler-32, which names it in the streams made with it. Computing
// the checksum once matters: records are inflated on hot read paths (the public look-up) and
// the dictionary is several times larger than a record. Keep it alive while in use; it does
// not copy the bytes.
class Dictionary {
 public:
  explicit Dictionary(std::string_view bytes);
  std::string_view bytes() const { return bytes_; }
  std::uint32_t id() const { return id_; }

 private:
  std::string_view bytes_;
  std::uint32_t id_;
};

// zlib stream (RFC 1950) with `dictionary` preset; the same dictionary must inflate it. The
// stream carries Adler-32 checksums of the dictionary and the data, so a wrong dictionary or
// damaged bytes are detected. Empty if zlib fails.
std::string deflate_with(std::string_view in, const Dictionary& dictionary);
// Inverse of deflate_with; an error (kInternal) for corrupt input, a different dictionary or
// output over `max_out`. Reuses one inflate state per thread.
Result<std::string> inflate_with(std::string_view in, const Dictionary& dictionary,
                                 std::size_t max_out = 16u << 20);

}  // namespace tinhso::compress
