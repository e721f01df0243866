// The HTTP answer that hands a stored file to a person who may read it (the caller checked
// that): its bytes under its own name and type, never sniffed or rendered as one of our pages.
#pragma once

#include "core/files/file_store.h"
#include "core/http/message.h"

namespace tinhso::files {

Result<http::Response> download(FileStore& files, const StoredFile& meta);
// The name a download is saved under: the stored name, ending in the extension of the type
// the bytes really have.
std::string download_name(std::string_view name, std::string_view content_type);

}  // namespace tinhso::files
