#include "documents/module.h"

#include <spdlog/spdlog.h>

#include "core/calendar/calendar_service.h"
#include "core/config/config.h"
#include "core/files/text_extractor.h"
#include "core/outbox/outbox.h"
#include "documents/access.h"
#include "documents/config.h"
#include "documents/events.h"
#include "documents/exchange/outbound.h"
#include "documents/exchange/transport.h"
#include "documents/handling.h"
#include "documents/incoming.h"
#include "documents/permissions.h"
#include "documents/restore.h"
#include "documents/routes.h"
#include "documents/search.h"
#include "documents/unit_movers.h"
#include "documents/vocabularies.h"

namespace tinhso::documents {

using boost::json::object;

Documents::Documents(Services& s)
    : s_(s),
      files_(s.db, s.config.files),
      receiver_(s, s.signer, files_),
      reminders_(
          std::chrono::seconds(s.config.section<DocumentsConfig>().reminder_interval_seconds),
          [this] {
            auto n = remind_once();
            if (!n.ok())
              spdlog::warn("document reminders: {}", n.error().message());
            else if (*n > 0)
              spdlog::info("document reminders: {} assignees reminded", *n);
          }) {
  s.outbox.register_sender("edxml", exchange::edxml_sender(s, s.signer, files_));
  // A document's search text includes its files' text, which arrives after the upload.
  s.texts.on_text([](storage::Tx& tx, int64_t file_id) -> Status {
    for (std::string_view kind : {"incoming", "outgoing"}) {
      TS_ASSIGN_OR_RETURN(
          auto docs, tx.query(kind == "incoming" ? "SELECT document_id FROM "
                                                   "incoming_document_files WHERE file_id = $1"
                                                 : "SELECT document_id FROM "
                                                   "outgoing_document_files WHERE file_id = $1",
                              {file_id}));
      for (auto d : docs) TS_TRY(index_document(tx, kind, d.i64(0)));
    }
    return ok_status();
  });
}

std::function<bool(std::string_view)> Documents::routable() const {
  return [this](std::string_view code) {
    return exchange::resolve(s_.config.section<ExchangeConfig>(), code).has_value();
  };
}

Result<std::optional<signing::FileSignature>> Documents::maybe_sign(std::string_view key_name,
                                                                    std::string_view kind,
                                                                    int64_t file_id) {
  if (!s_.signer.enabled()) return std::optional<signing::FileSignature>();
  TS_ASSIGN_OR_RETURN(auto bytes, files_.content(file_id));
  TS_ASSIGN_OR_RETURN(auto sig, s_.signer.sign(key_name, kind, file_id, bytes, s_.clock.now()));
  return std::optional<signing::FileSignature>(std::move(sig));
}

Status Documents::add_signatures(storage::Tx& tx, object& doc) {
  std::vector<int64_t> ids;
  if (const auto* files = doc.if_contains("files"))
    for (const auto& f : files->as_array()) ids.push_back(f.at("id").as_int64());
  TS_ASSIGN_OR_RETURN(doc["signatures"],
                      signing::signatures_json(tx, files_, s_.signer, ids, s_.clock.now()));
  return ok_status();
}

Documents::~Documents() {
  stop();
}

int64_t Documents::warning_seconds() const {
  return int64_t{s_.config.section<DocumentsConfig>().reminder_hours} * 3600;
}

Result<int> Documents::remind_once() {
  auto cal = s_.calendar.get();
  bool email = !s_.config.notify.smtp_url.empty();
  TS_ASSIGN_OR_RETURN(int n, s_.changes.apply(audit::Actor::system(), [&](audit::ChangeTx& tx) {
    return send_reminders(tx, *cal, warning_seconds(), email);
  }));
  if (n > 0) s_.outbox.wake();
  return n;
}

void Documents::register_routes(http::Router& router) {
  register_incoming_routes(router, *this);
  register_handling_routes(router, *this);
  register_outgoing_routes(router, *this);
  register_arrival_routes(router, *this);
  register_exchange_routes(router, *this);
  register_task_routes(router, *this);
  register_statistics_routes(router, *this);
  register_search_routes(router, *this);
  register_work_file_routes(router, *this);
}

namespace {

constexpr http::ApiTag kApiTags[] = {
    {"documents", "Văn bản đến, văn bản đi, xử lý, ký số, hồ sơ công việc và thống kê văn bản"},
    {"exchange", "Liên thông văn bản điện tử (edXML) với cơ quan ngoài hệ thống"},
    {"tasks", "Giao việc và theo dõi nhiệm vụ"},
};

constexpr OutboxChannel kOutboxChannels[] = {
    {"edxml", "Gửi văn bản điện tử (edXML) đến cơ quan ngoài hệ thống"},
};

}  // namespace

const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "documents",
      .summary = "documents: incoming and outgoing registers, handling, signing, edXML, tasks",
      .depends_on = {},
      .permissions = kPermissions,
      .config_sections = config_sections(),
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<Documents>(s); },
      .api_tags = kApiTags,
      .outbox_channels = kOutboxChannels,
      .vocabularies = &vocabularies,
      .unit_movers = unit_movers(),
      .after_restore = &move_counters_after_restore,
  };
  return kDef;
}

}  // namespace tinhso::documents
