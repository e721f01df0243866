#include "core/base/file_io.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tinhso {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid(fmt::format("Không đọc được tệp {}.", path));
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Error::invalid(fmt::format("Không đọc được tệp {}.", path));
  return s.str();
}

Status write_file(const std::string& path, std::string_view bytes, bool owner_only) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.close();
    if (!out) return Error::internal("cannot write " + path);
  }
  if (owner_only) {
    fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write, ec);
    if (ec) return Error::internal("cannot restrict " + path + ": " + ec.message());
  }
  return ok_status();
}

}  // namespace tinhso
