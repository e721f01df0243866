// zlib compression: gzip for HTTP bodies, and deflate with a preset dictionary for small
// records stored in the database (a dictionary of what such records share makes a 2.6 KB JSON
// document about 330 bytes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::compress {

// gzip member (RFC 1952) at the highest level; empty if zlib fails.
std::string gzip(std::string_view in);

// zlib stream (RFC 1950) with `dictionary` preset; the same dictionary must inflate it. The
// stream carries Adler-32 checksums of the dictionary and the data, so a wrong dictionary or
// damaged bytes are detected.
std::string deflate_with(std::string_view in, std::string_view dictionary);
// Inverse of deflate_with; an error (kInternal) for corrupt input, a different dictionary or
// output over `max_out`.
Result<std::string> inflate_with(std::string_view in, std::string_view dictionary,
                                 std::size_t max_out = 16u << 20);

}  // namespace tinhso::compress
