#include "core/files/pdf_text.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <mutex>

namespace tinhso::files {
namespace {

// Poppler reports problems of malformed files on stderr; they are the sender's, not ours.
void quiet(const std::string&, void*) {}

}  // namespace

std::string pdf_text(std::string_view pdf, int max_pages, std::size_t max_bytes) {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc || doc->is_locked()) return {};
  std::string out;
  int pages = std::min(doc->pages(), max_pages);
  for (int i = 0; i < pages && out.size() < max_bytes; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    poppler::byte_array utf8 = page->text().to_utf8();
    out.append(utf8.begin(), utf8.end());
    out.push_back('\n');
  }
  if (out.size() > max_bytes) out.resize(max_bytes);
  return out;
}

}  // namespace tinhso::files
