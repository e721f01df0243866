#include "onestop/national_sync.h"

#include <fmt/format.h>

#include "core/net/outbound.h"
#include "onestop/stats_counters.h"

namespace tinhso::onestop {
namespace {

boost::json::value time_or_null(const std::optional<Instant>& t) {
  return t ? boost::json::value(format_rfc3339(*t)) : boost::json::value(nullptr);
}

std::string_view channel_code(std::string_view channel) {
  if (channel == "online") return "2";  // trực tuyến
  if (channel == "postal") return "3";  // qua dịch vụ bưu chính công ích
  return "1";                           // trực tiếp
}

}  // namespace

boost::json::object national_payload(const Dossier& d, const ProcedureDef& def,
                                     const std::vector<DossierEvent>& events,
                                     const SyncContext& c) {
  boost::json::array history;
  for (const auto& e : events) {
    history.push_back(boost::json::object{{"ThoiDiem", format_rfc3339(e.at)},
                                          {"HanhDong", e.action},
                                          {"TrangThai", e.status_to},
                                          {"NguoiXuLy", e.actor_name},
                                          {"GhiChu", e.note}});
  }
  return boost::json::object{
      {"MaHeThong", c.system_code},
      {"MaHoSo", d.code},
      {"MaTTHC", def.national_code},
      {"TenTTHC", def.name},
      {"MaLinhVuc", def.sector_code},
      {"MaCoQuan", c.agency_code},
      {"TenCoQuan", c.agency_name},
      {"ChuHoSo", d.applicant_name},
      {"LoaiDoiTuong", d.applicant_kind == "business" ? "2" : "1"},
      {"KenhThucHien", channel_code(d.channel)},
      {"NgayNopHoSo", format_rfc3339(d.submitted_at)},
      {"NgayTiepNhan", time_or_null(d.received_at)},
      {"NgayHenTra", time_or_null(d.due_at)},
      {"NgayHenTraMoi", time_or_null(d.apology_due_at)},
      {"NgayKetThucXuLy", time_or_null(d.finished_at)},
      {"NgayTra", time_or_null(d.returned_at)},
      {"HinhThucTra", d.return_method},
      {"TrangThaiHoSo", national_status_code(d.status, d.outcome)},
      {"KetQuaXuLy", d.timeliness},
      {"QuaTrinhXuLy", std::move(history)},
  };
}

outbox::Message national_message(const Dossier& d, boost::json::object payload,
                                 const std::string& url) {
  return {"national_sync",    url,
          std::move(payload), fmt::format("sync-{}-v{}", d.code, d.version),
          "dossier",          std::to_string(d.id)};
}

outbox::Sender national_sender(const NationalPortalConfig& config, storage::Database& db,
                               const Clock& clock) {
  return [config, &db, &clock](const std::string& target, const boost::json::value& payload,
                               const std::string& key) {
    std::vector<std::string> headers = {"Idempotency-Key: " + key};
    if (!config.token.empty()) headers.push_back("Authorization: Bearer " + config.token);
    auto r = net::post_json(target, boost::json::serialize(payload), headers);
    bool ok = r.ok();
    if (ok) {
      std::string code(payload.at("MaHoSo").as_string());
      // Bookkeeping: the first delivered snapshot makes the dossier "synchronised".
      auto s = db.write([&](storage::Tx& tx) -> Status {
        Instant now = clock.now();
        TS_ASSIGN_OR_RETURN(
            int64_t n,
            tx.exec("UPDATE dossiers SET synced_at = $1 WHERE code = $2 AND synced_at IS NULL",
                    {to_millis(now), code}));
        if (n == 1) {
          TS_ASSIGN_OR_RETURN(auto found, find_dossier_by_code(tx, code));
          if (found && found->received_at) {
            TS_TRY(bump_stats(tx, *found, {{"synced", 1}}, *found->received_at));
          }
        }
        return ok_status();
      });
      if (!s.ok()) return outbox::Delivery{false, false, s.error().describe()};
    }
    return outbox::Delivery{ok, r.refused(), ok ? "" : r.describe()};
  };
}

}  // namespace tinhso::onestop
