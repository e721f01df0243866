// The text of a text-based PDF (poppler), for search: what a scan carries is an image and
// yields nothing. Bounded in pages and characters; never fails — unreadable, encrypted or
// image-only files give "".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tinhso::files {

std::string pdf_text(std::string_view pdf, int max_pages = 100, std::size_t max_bytes = 1 << 20);

}  // namespace tinhso::files
