#include "core/http/schema.h"

#include <spdlog/spdlog.h>

#include <cstdlib>

namespace tinhso::http {

boost::json::value schema(std::string_view json_text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json_text, ec);
  if (ec) {
    spdlog::critical("malformed schema literal: {}", json_text.substr(0, 120));
    std::abort();
  }
  return v;
}

}  // namespace tinhso::http
