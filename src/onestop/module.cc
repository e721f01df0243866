#include "onestop/module.h"

#include <spdlog/spdlog.h>

#include "core/base/crypto.h"
#include "core/config/config.h"
#include "onestop/commands.h"
#include "onestop/config.h"
#include "onestop/demo/demo.h"
#include "onestop/national_sync.h"
#include "onestop/notices.h"
#include "onestop/permissions.h"
#include "onestop/restore.h"
#include "onestop/routes.h"
#include "onestop/unit_movers.h"
#include "onestop/vocabularies.h"

namespace tinhso::onestop {

OneStop::OneStop(Services& s)
    : s_(s),
      files_(s.db, s.config.files),
      dossiers_(s, procedures_, files_, s.outbox),
      payments_(s, dossiers_),
      // Ten failed look-ups, then one more every six seconds.
      lookup_failures_(1.0 / 6.0, 10),
      submissions_(s.config.section<OneStopConfig>().submissions_per_minute / 60.0,
                   std::max(1, s.config.section<OneStopConfig>().submissions_per_minute)),
      daily_snapshots_(s.db, s.clock),
      stats_folder_(s.db),
      missing_views_(std::chrono::seconds(30), [this] {
        auto rendered = dossiers_.render_public_views();
        if (!rendered.ok()) {
          spdlog::warn("rendering missing public views: {}", rendered.error().describe());
        } else if (*rendered > 0) {
          spdlog::info("rendered {} missing public views", *rendered);
        }
      }) {
  s.outbox.register_sender("email", email_sender(s.config.notify));
  s.outbox.register_sender("sms", sms_sender(s.config.notify));
  s.outbox.register_sender(
      "national_sync", national_sender(s.config.section<NationalPortalConfig>(), s.db, s.clock));
}

void OneStop::register_routes(http::Router& router) {
  register_catalog_routes(router, *this);
  register_dossier_routes(router, *this);
  register_public_routes(router, *this);
  register_statistics_routes(router, *this);
  register_file_routes(router, *this);
  register_outbox_routes(router, *this);
  register_payment_routes(router, *this);
  register_document_store_routes(router, *this);
  register_portal_routes(router, *this);
}

namespace {

void complete_config(Config& config, bool demo) {
  auto& payment = config.section<PaymentConfig>();
  // The demo installation pays on the built-in test gateway unless a real one is configured.
  if (demo && payment.provider.empty()) payment.provider = "demo";
  // The demo gateway signs only for itself: a secret nobody else knows.
  if (payment.provider == "demo" && payment.secret.empty())
    payment.secret = crypto::random_token(24);
}

}  // namespace

constexpr http::ApiTag kApiTags[] = {
    {"catalog", "Danh mục thủ tục hành chính, biểu mẫu và mẫu đơn điện tử"},
    {"dossiers", "Hồ sơ một cửa: tiếp nhận, xử lý, bổ sung, trả kết quả, phí và lệ phí"},
    {"public", "Cổng dịch vụ công: tra cứu hồ sơ và thông tin công khai cho người dân"},
    {"my-dossiers", "Hồ sơ của tôi: người dân, doanh nghiệp nộp, theo dõi và bổ sung hồ sơ"},
    {"my-documents", "Kho dữ liệu của tôi: giấy tờ, kết quả đã số hóa để dùng lại"},
    {"files", "Tệp giấy tờ, kết quả và kho dữ liệu điện tử của tổ chức, cá nhân"},
    {"payments", "Thanh toán trực tuyến phí, lệ phí; đối soát và hoàn trả"},
    {"statistics", "Thống kê tình hình giải quyết hồ sơ và chỉ số phục vụ"},
};

constexpr OutboxChannel kOutboxChannels[] = {
    {"email", "Thư điện tử"},
    {"sms", "Tin nhắn SMS"},
    {"national_sync", "Đồng bộ Cổng Dịch vụ công quốc gia"},
};

const ModuleDef& module_def() {
  static const ModuleDef kDef{
      .name = "onestop",
      .summary = "one-stop services: procedure catalogue, dossiers, fees, results, statistics",
      .depends_on = {},
      .permissions = kPermissions,
      .config_sections = config_sections(),
      .complete_config = &complete_config,
      .make = [](Services& s) -> std::unique_ptr<Module> { return std::make_unique<OneStop>(s); },
      .api_tags = kApiTags,
      .commands = commands(),
      .outbox_channels = kOutboxChannels,
      .vocabularies = &vocabularies,
      .demo = &demo::build,
      .demo_before_reform = &demo::build_before_reform,
      .unit_movers = unit_movers(),
      .after_restore = &move_codes_after_restore,
  };
  return kDef;
}

}  // namespace tinhso::onestop
