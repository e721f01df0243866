// The built web front end, loaded into memory at start-up and served with correct content
// types, ETags, gzip, long-lived caching for content-hashed assets and an SPA fallback.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/http/message.h"

namespace tinhso::http {

class StaticFiles {
 public:
  // Loads every file under `root`. A missing root is not an error: the API still works and
  // pages explain that the front end is not built.
  // `image_origin`: where pages may also load images from (the map's tile server), or empty.
  static std::unique_ptr<StaticFiles> load(const std::string& root, std::string image_origin = {});

  // The response for GET/HEAD `path`, or nullopt when `path` is not the front end's
  // (it is then a 404 for the API to report).
  std::optional<Response> serve(const Request& req) const;
  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string gzip;  // empty when not worth compressing
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  Response respond(const Request& req, const File& f) const;
  std::map<std::string, File, std::less<>> files_;  // key: "/assets/app-1a2b.js"
  std::string image_origin_;
};

std::string content_type_for(std::string_view path);

}  // namespace tinhso::http
