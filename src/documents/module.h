// Documents: the objects of the document-management module of a running tinhso (issue 5) and
// the registration of its HTTP routes. This first part is the incoming register.
#pragma once

#include "core/files/file_store.h"
#include "core/http/router.h"
#include "core/services.h"

namespace tinhso::documents {

class Documents {
 public:
  explicit Documents(Services& s) : s_(s), files_(s.db, s.config.files) {}
  Documents(const Documents&) = delete;
  Documents& operator=(const Documents&) = delete;

  Services& services() { return s_; }
  files::FileStore& files() { return files_; }

 private:
  Services& s_;
  files::FileStore files_;
};

void register_incoming_routes(http::Router& router, Documents& m);

inline void register_document_routes(http::Router& router, Documents& m) {
  register_incoming_routes(router, m);
}

}  // namespace tinhso::documents
