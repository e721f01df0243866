// Route: /api/v1/files — uploading a paper or result before it is attached to a record.
#include "core/http/context.h"
#include "onestop/module.h"
#include "onestop/routes.h"

namespace tinhso::onestop {

void register_file_routes(http::Router& router, OneStop& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();
  router.add({
      .method = Method::kPost,
      .path = "/api/v1/files",
      .summary = "Upload a paper (PDF, JPEG or PNG) as the raw body; ?name= gives its file name. "
                 "Returns its id for a "
                 "submission or action",
      .tag = "files",
      .access = Access::kAuthenticated,
      .body_limit = static_cast<std::size_t>(s.config.files.max_file_bytes),
      .query = {{"name", "File name", true}},
      .success_status = 201,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        std::string name(ctx.request().query_param("name").value_or(""));
        if (name.empty()) return Error::validation("name", "Cần tên tệp (?name=).");
        auto type = ctx.request().header("content-type").value_or("application/octet-stream");
        TS_ASSIGN_OR_RETURN(auto f, m.files().put(m.services().changes, ctx.actor(),
                                                  std::move(name), type, ctx.request().body));
        return http::Response::json(files::file_json(f), 201);
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/files/{id}",
      .summary = "One of the caller's own uploads: name, type, size, hash and whether its text "
                 "was read for search (text_status)",
      .tag = "files",
      .access = Access::kAuthenticated,
      .handler = [&m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        auto f = m.services().db.read(
            [&](storage::Tx& tx) { return m.files().own_upload(tx, id, ctx.actor(), "id"); });
        if (!f.ok() && f.error().status() == 422) return Error::not_found("Không tìm thấy tệp.");
        TS_TRY(f);
        return http::Response::json(files::file_json(*f));
      },
  });
}

}  // namespace tinhso::onestop
