// Routes of the applicant's document store: what they submitted and received, to download or
// to choose again in a new dossier.
#include "core/files/download.h"
#include "core/http/context.h"
#include "onestop/document_store.h"
#include "onestop/module.h"
#include "onestop/routes.h"

namespace tinhso::onestop {

void register_document_store_routes(http::Router& router, OneStop& m) {
  using http::Access;
  using http::Method;
  Services& s = m.services();

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/profile",
      .summary = "The signed-in applicant's account details, to fill in submissions: kind, name, "
                 "identity number or tax code, legal representative, address, phone, e-mail",
      .tag = "my-documents",
      .access = Access::kApplicant,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(auto rows, s.db.read([&](storage::Tx& tx) {
          return tx.query(
              "SELECT kind, full_name, id_number, tax_code, representative, address, "
              "phone, email FROM applicants WHERE id = $1",
              {ctx.who().id});
        }));
        if (rows.empty()) return Error::not_found("Không tìm thấy tài khoản.");
        auto r = rows.front();
        auto opt = [&](int c) {
          return r.is_null(c) ? boost::json::value(nullptr) : boost::json::value(r.str(c));
        };
        return http::Response::json(boost::json::object{{"kind", r.str(0)},
                                                        {"full_name", r.str(1)},
                                                        {"id_number", opt(2)},
                                                        {"tax_code", opt(3)},
                                                        {"representative", opt(4)},
                                                        {"address", opt(5)},
                                                        {"phone", opt(6)},
                                                        {"email", opt(7)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/documents",
      .summary = "The applicant's document store: papers submitted and results received, newest "
                 "first; each can be reused in a new dossier by its file id",
      .tag = "my-documents",
      .access = Access::kApplicant,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(
            auto items, s.db.read([&](storage::Tx& tx) { return list_store(tx, ctx.who().id); }));
        return http::Response::json(boost::json::object{{"items", std::move(items)}});
      },
  });

  router.add({
      .method = Method::kGet,
      .path = "/api/v1/my/documents/{id}/file",
      .summary = "Download a paper or result of the applicant's document store",
      .tag = "my-documents",
      .access = Access::kApplicant,
      .handler = [&s, &m](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_ASSIGN_OR_RETURN(auto meta, s.db.read([&](storage::Tx& tx) -> Result<files::StoredFile> {
          TS_ASSIGN_OR_RETURN(int64_t file_id, store_file(tx, ctx.who().id, id));
          return m.files().meta(tx, file_id);
        }));
        return files::download(m.files(), meta);
      },
  });

  router.add({
      .method = Method::kDelete,
      .path = "/api/v1/my/documents/{id}",
      .summary = "Remove an item from the store (the dossiers that used it keep it)",
      .tag = "my-documents",
      .access = Access::kApplicant,
      .handler = [&s](http::Context& ctx) -> Result<http::Response> {
        TS_ASSIGN_OR_RETURN(int64_t id, ctx.id_param());
        TS_TRY(ctx.apply(s.changes, [&](audit::ChangeTx& tx) {
          return remove_from_store(tx, ctx.who().id, id);
        }));
        return http::Response::no_content();
      },
  });
}

}  // namespace tinhso::onestop
