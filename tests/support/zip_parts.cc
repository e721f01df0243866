#include "support/zip_parts.h"

#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace tinhso::testing {

std::map<std::string, std::string> unzip_parts(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (z == nullptr) throw std::runtime_error("not a zip");
  std::map<std::string, std::string> out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
    std::string data(static_cast<std::size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    out[st.name] = std::move(data);
  }
  zip_discard(z);
  return out;
}

std::string zip_parts(const std::map<std::string, std::string>& parts, bool stored) {
  std::string path = (std::filesystem::temp_directory_path() / "tinhso-zip-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("mkstemp");
  ::close(fd);
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_TRUNCATE, &error);
  if (z == nullptr) throw std::runtime_error("zip_open");
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_int64_t i = zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
    if (stored) zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

std::string set_cell(std::string xml, std::string_view ref, std::string_view inner,
                     std::string_view type) {
  std::regex cell("<c r=\"" + std::string(ref) + "\"([^>]*?)(/>|>.*?</c>)");
  std::smatch m;
  if (!std::regex_search(xml, m, cell)) throw std::runtime_error("no cell " + std::string(ref));
  // Keep the style, drop any type: the new one is given.
  std::string attrs = std::regex_replace(m[1].str(), std::regex(" t=\"[^\"]*\""), "");
  std::string t = type.empty() ? "" : " t=\"" + std::string(type) + "\"";
  std::string replaced = "<c r=\"" + std::string(ref) + "\"" + attrs + t +
                         (inner.empty() ? "/>" : ">" + std::string(inner) + "</c>");
  return xml.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)),
                     replaced);
}

}  // namespace tinhso::testing
