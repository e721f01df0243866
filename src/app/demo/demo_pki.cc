#include "app/demo/demo_pki.h"

#include <filesystem>

#include "app/app.h"
#include "core/base/file_io.h"
#include "core/signing/authority.h"

namespace tinhso::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarkerText =
    "Bộ khóa ký số THỬ NGHIỆM của bản cài đặt mẫu tinhso (tinhso demo).\n"
    "Các chứng thư số ở đây do một tổ chức chứng thực giả lập cấp, không có giá trị pháp lý.\n"
    "Không dùng cho hệ thống thật: cấu hình signing.keys_dir trỏ tới khóa do tổ chức cung cấp\n"
    "dịch vụ chứng thực chữ ký số cấp (Ban Cơ yếu Chính phủ đối với cơ quan nhà nước).\n";

}  // namespace

SigningConfig effective_signing(const Config& c, bool* uses_demo_pki) {
  fs::path dir = fs::path(c.data_dir) / kDemoPkiDir;
  std::error_code ec;
  bool demo = c.signing.keys_dir.empty() && fs::exists(dir / kDemoPkiMarker, ec);
  if (uses_demo_pki != nullptr) *uses_demo_pki = demo;
  if (!demo) return c.signing;
  SigningConfig s;
  s.keys_dir = dir.string();
  s.key_password = "";
  s.trust_roots = (dir / "root.pem").string();
  s.crls = (dir / "root.crl.pem").string();
  return s;
}

Result<int> write_demo_pki(App& app, const std::vector<FutureUnit>& future) {
  const Config& c = app.config();
  fs::path dir = fs::path(c.data_dir) / kDemoPkiDir;
  std::error_code ec;
  if (fs::exists(dir / kDemoPkiMarker, ec)) return 0;
  Instant now = app.clock().now();
  const auto year = std::chrono::hours(24 * 365);
  TS_ASSIGN_OR_RETURN(auto ca, signing::CertificateAuthority::create(
                                   {"tinhso DEMO Root CA (THỬ NGHIỆM, không dùng thật)",
                                    "tinhso — bản cài đặt mẫu", ""},
                                   now - std::chrono::hours(24), now + 10 * year));
  fs::create_directories(dir, ec);
  TS_TRY(write_file((dir / "root.pem").string(), ca.root_pem()));
  TS_ASSIGN_OR_RETURN(auto crl, ca.crl_pem({}, now - std::chrono::hours(1), now));
  TS_TRY(write_file((dir / "root.crl.pem").string(), crl));
  TS_ASSIGN_OR_RETURN(auto people, app.db().read([](storage::Tx& tx) {
    return tx.query(
        "SELECT DISTINCT o.username, o.full_name, u.name FROM officials o JOIN role_grants g ON "
        "g.official_id = o.id JOIN units u ON u.id = o.unit_id WHERE g.role = 'leader' AND "
        "o.active = 1 ORDER BY o.username");
  }));
  TS_ASSIGN_OR_RETURN(auto units, app.db().read([](storage::Tx& tx) {
    return tx.query("SELECT code, name FROM units WHERE active = 1 ORDER BY code");
  }));
  long serial = 100;
  int written = 0;
  std::vector<FutureUnit> all;
  for (auto u : units) all.push_back({u.str(0), u.str(1)});
  all.insert(all.end(), future.begin(), future.end());
  for (const auto& u : all) {
    signing::Subject s{u.name, "THỬ NGHIỆM — " + u.name, u.code};
    TS_ASSIGN_OR_RETURN(
        auto p12, ca.issue_pkcs12(s, ++serial, now - std::chrono::hours(24), now + 3 * year, ""));
    TS_TRY(write_file((dir / (u.code + ".p12")).string(), p12, true));
    ++written;
  }
  for (auto r : people) {
    signing::Subject s{r.str(1), "THỬ NGHIỆM — " + r.str(2), ""};
    TS_ASSIGN_OR_RETURN(
        auto p12, ca.issue_pkcs12(s, ++serial, now - std::chrono::hours(24), now + 3 * year, ""));
    TS_TRY(write_file((dir / (r.str(0) + ".p12")).string(), p12, true));
    ++written;
  }
  // Last: the marker says the directory is complete.
  TS_TRY(write_file((dir / kDemoPkiMarker).string(), kMarkerText));
  return written;
}

}  // namespace tinhso::app
