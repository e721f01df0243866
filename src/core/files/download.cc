#include "core/files/download.h"

namespace tinhso::files {

Result<http::Response> download(FileStore& files, const StoredFile& meta) {
  TS_ASSIGN_OR_RETURN(auto bytes, files.content(meta.id));
  auto r = http::Response::file(std::move(bytes), meta.content_type, meta.name);
  r.set_header("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace tinhso::files
