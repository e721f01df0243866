// Document-module throughput: edXML messages with a 1 MB attachment parsed, signature-verified
// (XML-DSig + certificate chain and CRL) and read per second on one core; the same messages
// written and signed per second; and incoming documents registered per second in the SQLite
// register (audited transactions, a number each, duplicate check) from concurrent clerks.
//   edxml_bench [seconds=5] [threads=8] [dir=/tmp]
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "app/modules.h"
#include "core/audit/change_log.h"
#include "core/identity/units.h"
#include "core/storage/migrations.h"
#include "core/storage/sqlite_database.h"
#include "documents/edxml/codec.h"
#include "documents/edxml/dsig.h"
#include "documents/incoming.h"
#include "support/test_pki.h"

using namespace tinhso;
using namespace tinhso::documents;
using Clock_ = std::chrono::steady_clock;

namespace {

edxml::DocumentMessage sample(std::size_t attachment_bytes) {
  edxml::DocumentMessage m;
  m.from = {"000.00.03.H47", "Sở Tư pháp tỉnh An Khang"};
  m.to = {{"000.00.03.H48", "Sở Tư pháp tỉnh Bình Sơn"}};
  m.code_number = "183";
  m.code_notation = "KH-STP";
  m.promulgation_date = "2026-11-24";
  m.type_code = "ke_hoach";
  m.type_name = "Kế hoạch";
  m.subject = "Kế hoạch phối hợp kiểm tra công tác chứng thực năm 2027";
  m.signer_name = "Trần Quốc Hùng";
  m.document_id = edxml::document_id(m.from.organ_id, m.promulgation_date, "183/KH-STP");
  std::string pdf = "%PDF-1.7\n";
  std::mt19937_64 rng(42);
  while (pdf.size() < attachment_bytes) pdf.push_back(static_cast<char>(rng()));
  m.attachments.push_back({"a1", "ke-hoach.pdf", "application/pdf", "Văn bản chính", pdf});
  return m;
}

double seconds_since(Clock_::time_point t) {
  return std::chrono::duration<double>(Clock_::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 5;
  int threads = argc > 2 ? std::atoi(argv[2]) : 8;
  std::string dir = argc > 3 ? argv[3] : "/tmp";
  Instant now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto pki = testing::TestPki::generate(now);
  auto trust = signing::TrustStore::from_pem({pki.root_pem}, {pki.crl_pem});
  if (!trust.ok()) return 1;

  // 1. Writing and signing.
  auto m = sample(1 << 20);
  std::string xml;
  int signed_count = 0;
  auto t0 = Clock_::now();
  while (seconds_since(t0) < seconds / 2 || signed_count == 0) {
    auto doc = edxml::write_document(m, "2026/11/24 08:00:00");
    if (!edxml::sign(doc.get(), edxml::signature_parent(doc.get()), pki.agency_p12,
                     testing::TestPki::kPassword)
             .ok())
      return 1;
    xml = edxml::serialize(doc.get());
    ++signed_count;
  }
  double sign_rate = signed_count / seconds_since(t0);

  // 2. Receiving: parse, verify, read.
  int received = 0;
  t0 = Clock_::now();
  while (seconds_since(t0) < seconds || received == 0) {
    auto doc = edxml::parse_untrusted(xml, 64 << 20);
    if (!doc.ok()) return 1;
    auto v = edxml::verify(edxml::signature_parent(doc->get()), *trust, now);
    auto read = edxml::read_message(doc->get(), {});
    if (!v.valid() || !read.ok()) return 1;
    ++received;
  }
  double receive_rate = received / seconds_since(t0);
  double mb = static_cast<double>(xml.size()) / (1 << 20);

  // 3. Registrations in the incoming register (SQLite, group commit as the server runs it).
  std::string path = dir + fmt::format("/tinhso-edxml-bench-{}.db", getpid());
  std::filesystem::remove(path);
  storage::SqliteOptions o;
  o.path = path;
  o.readers = 2;
  auto db = storage::SqliteDatabase::open(o);
  if (!db.ok() || !storage::migrate(**db, app::default_migrations((*db)->dialect()).value()).ok())
    return 1;
  Clock clock;
  audit::ChangeLog log(**db, clock, audit::AuditKey::generate());
  int64_t unit = 0, clerk_id = 0;
  auto created = log.apply(audit::Actor::system("bench"), [&](audit::ChangeTx& tx) -> Status {
    identity::UnitInput u;
    u.code = "000.00.00.H47";
    u.name = u.short_name = "Ủy ban nhân dân tỉnh An Khang";
    u.level = "province";
    u.kind = "people_committee";
    TS_ASSIGN_OR_RETURN(auto made, identity::create_unit(tx, u));
    unit = made.id;
    TS_ASSIGN_OR_RETURN(auto clerk,
                        tx.sql().query("INSERT INTO officials (unit_id, username, full_name, "
                                       "full_name_folded, password_hash, created_at, updated_at) "
                                       "VALUES ($1, 'vanthu', 'Văn thư', 'van thu', '-', $2, $2) "
                                       "RETURNING id",
                                       {unit, tx.now_ms()}));
    clerk_id = clerk.front().i64(0);
    return ok_status();
  });
  if (!created.ok()) {
    fmt::print(stderr, "{}\n", created.error().describe());
    return 1;
  }
  std::atomic<bool> stop{false};
  std::atomic<int64_t> registered{0}, failed{0};
  std::vector<std::thread> pool;
  t0 = Clock_::now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        IncomingInput in;
        in.unit_id = unit;
        in.issuer_name = "Ủy ban nhân dân huyện Tân Phú";
        in.notation = fmt::format("{}/UBND-VP{}", i + 1, t);
        in.issued_on = std::chrono::year{2026} / 11 / 24;
        in.doc_type = "cong_van";
        in.subject = fmt::format("Về việc báo cáo số liệu chứng thực tháng {} (luồng {})", i, t);
        in.pages = 2;
        audit::Actor clerk;
        clerk.kind = "official";
        clerk.id = clerk_id;
        clerk.name = "Văn thư";
        auto r = log.apply(
            clerk, [&](audit::ChangeTx& tx) { return insert_incoming(tx, in, std::nullopt); });
        if (r.ok()) {
          registered.fetch_add(1);
        } else if (failed.fetch_add(1) == 0) {
          fmt::print(stderr, "registration failed: {}\n", r.error().describe());
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  double reg_rate = registered.load() / seconds_since(t0);
  db->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");

  fmt::print("edXML message with a 1 MB attachment: {:.2f} MB signed XML\n", mb);
  fmt::print("  written + signed (XML-DSig, ECDSA P-256):      {:8.1f} messages/s\n", sign_rate);
  fmt::print(
      "  parsed + verified (signature, chain, CRL) + read: {:6.1f} messages/s ({:.0f} MB/s)\n",
      receive_rate, receive_rate * mb);
  fmt::print("incoming registrations (SQLite, {} clerks):      {:8.0f} /s ({} failed)\n", threads,
             reg_rate, failed.load());
  return failed.load() == 0 ? 0 : 1;
}
