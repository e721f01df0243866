#include "core/http/static_files.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/compress.h"
#include "core/base/crypto.h"

namespace tinhso::http {
namespace {

bool compressible(std::string_view type) {
  return type.starts_with("text/") || type.find("javascript") != std::string_view::npos ||
         type.find("json") != std::string_view::npos || type.find("svg") != std::string_view::npos;
}

// Vite names built assets "name-<hash>.ext" under /assets/: safe to cache forever.
bool is_hashed_asset(std::string_view path) {
  return path.starts_with("/assets/");
}

const char* kNotBuiltPage =
    "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>tinhso</title></head>"
    "<body><main><h1>Giao diện web chưa được xây dựng</h1><p>Máy chủ đang chạy và API vẫn hoạt "
    "động. Hãy chạy <code>scripts/start</code> để xây dựng giao diện web.</p></main></body></html>";

}  // namespace

std::string content_type_for(std::string_view path) {
  auto dot = path.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "pdf") return "application/pdf";
  if (ext == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == "docx")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return "application/octet-stream";
}

std::unique_ptr<StaticFiles> StaticFiles::load(const std::string& root, std::string image_origin) {
  auto sf = std::make_unique<StaticFiles>();
  sf->image_origin_ = std::move(image_origin);
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    spdlog::warn("web front end not found at {}; serving the API only", root);
    return sf;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string rel = "/" + std::filesystem::relative(entry.path(), root).generic_string();
    File f;
    f.content = buf.str();
    f.content_type = content_type_for(rel);
    f.etag = fmt::format("\"{}\"", crypto::sha256_hex(f.content).substr(0, 20));
    f.immutable = is_hashed_asset(rel);
    if (compressible(f.content_type) && f.content.size() > 256) {
      std::string z = compress::gzip(f.content);
      if (!z.empty() && z.size() < f.content.size() * 9 / 10) f.gzip = std::move(z);
    }
    sf->files_.emplace(std::move(rel), std::move(f));
  }
  spdlog::info("web front end: {} files from {}", sf->files_.size(), root);
  return sf;
}

Response StaticFiles::respond(const Request& req, const File& f) const {
  Response r;
  r.content_type = f.content_type;
  r.set_header("ETag", f.etag);
  r.set_header("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.set_header("Content-Security-Policy", content_security_policy(f.content_type, image_origin_));
  if (auto inm = req.header("if-none-match"); inm && *inm == f.etag) {
    // No body and no Content-Type, but the headers the 200 would carry that the browser merges
    // into its cached copy: above all the page's CSP (the API's would block every script).
    r.status = 304;
    if (!f.gzip.empty()) r.set_header("Vary", "Accept-Encoding");
    r.content_type.clear();
    return r;
  }
  auto ae = req.header("accept-encoding");
  bool gz = !f.gzip.empty() && ae && ae->find("gzip") != std::string_view::npos;
  r.body = gz ? f.gzip : f.content;
  if (gz) r.set_header("Content-Encoding", "gzip");
  if (!f.gzip.empty()) r.set_header("Vary", "Accept-Encoding");
  return r;
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (req.method != Method::kGet && req.method != Method::kHead) return std::nullopt;
  std::string_view path = req.path;
  if (path.starts_with("/api/")) return std::nullopt;
  std::string key = path == "/" ? "/index.html" : std::string(path);
  if (auto it = files_.find(key); it != files_.end()) return respond(req, it->second);
  // SPA fallback: a path without a file extension is a client-side route.
  auto last = path.substr(path.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos) return std::nullopt;
  if (auto it = files_.find(std::string_view("/index.html")); it != files_.end()) {
    return respond(req, it->second);
  }
  Response r;
  r.status = 503;
  r.content_type = "text/html; charset=utf-8";
  r.body = kNotBuiltPage;
  return r;
}

}  // namespace tinhso::http
