#include "core/files/download.h"

#include "core/base/text.h"

namespace tinhso::files {

std::string download_name(std::string_view name, std::string_view content_type) {
  std::string_view ext = content_type == "application/pdf" ? ".pdf"
                         : content_type == "image/jpeg"    ? ".jpg"
                         : content_type == "image/png"     ? ".png"
                                                           : "";
  std::string lower = text::to_lower_ascii(name);
  if (ext.empty() || lower.ends_with(ext) || (ext == ".jpg" && lower.ends_with(".jpeg")))
    return std::string(name);
  // "to-khai.html" that is really a PDF downloads as "to-khai.html.pdf": what the browser
  // saves is opened as what it is.
  return std::string(name) + std::string(ext);
}

Result<http::Response> download(FileStore& files, const StoredFile& meta) {
  TS_ASSIGN_OR_RETURN(auto bytes, files.content(meta.id));
  // nosniff is on every response (Pipeline::finish).
  return http::Response::file(std::move(bytes), meta.content_type,
                              download_name(meta.name, meta.content_type));
}

}  // namespace tinhso::files
