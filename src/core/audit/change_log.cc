#include "core/audit/change_log.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/base/crypto.h"

namespace tinhso::audit {
namespace {

int chain_of(std::string_view object_type, std::string_view object_id) {
  uint32_t h = 2166136261u;  // FNV-1a: stable across builds and platforms
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 16777619u;
    }
  };
  mix(object_type);
  mix(":");
  mix(object_id);
  return static_cast<int>(h % kChains);
}

struct Fields {
  int64_t chain = 0, seq = 0, at = 0;
  std::string actor_kind;
  std::optional<int64_t> actor_id;
  std::string actor_name, role;
  std::optional<int64_t> unit_id;
  std::string action, object_type, object_id, request_id, ip, change_digest;
};

std::string link_hash(const std::string& prev, const Fields& f) {
  auto opt = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  std::string material =
      fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", prev, f.chain,
                  f.seq, f.at, f.actor_kind, opt(f.actor_id), f.actor_name, f.role, opt(f.unit_id),
                  f.action, f.object_type, f.object_id, f.request_id, f.ip, f.change_digest);
  return crypto::sha256_hex(material);
}

}  // namespace

Status ChangeTx::record(std::string_view action, std::string_view object_type,
                        std::string_view object_id, const boost::json::value& change) {
  Fields f;
  f.chain = chain_of(object_type, object_id);
  f.at = to_millis(now_);
  f.actor_kind = actor_.kind;
  f.actor_id = actor_.id;
  f.actor_name = actor_.name;
  f.role = actor_.role;
  f.unit_id = actor_.unit_id;
  f.action = std::string(action);
  f.object_type = std::string(object_type);
  f.object_id = std::string(object_id);
  f.request_id = actor_.request_id;
  f.ip = actor_.ip;
  std::string change_text = boost::json::serialize(change);
  f.change_digest = crypto::sha256_hex(change_text);

  // Taking the chain row's lock first serialises appends to this chain (PostgreSQL); on
  // SQLite the single writer already does.
  TS_ASSIGN_OR_RETURN(auto head, sql_.query("UPDATE audit_chains SET seq = seq + 1 WHERE id = $1 "
                                            "RETURNING seq, head",
                                            {f.chain}));
  if (head.empty()) return Error::internal(fmt::format("audit chain {} missing", f.chain));
  f.seq = head.front().i64(0);
  std::string prev = head.front().str(1);
  std::string hash = link_hash(prev, f);
  TS_TRY(sql_.exec(
      "INSERT INTO audit_log (chain_id, seq, at, actor_kind, actor_id, actor_name, role, unit_id, "
      "action, object_type, object_id, request_id, ip, change, change_digest, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
      {f.chain, f.seq, f.at, f.actor_kind, f.actor_id, f.actor_name, f.role, f.unit_id, f.action,
       f.object_type, f.object_id, f.request_id, f.ip, change_text, f.change_digest, prev, hash}));
  TS_TRY(sql_.exec("UPDATE audit_chains SET head = $1 WHERE id = $2", {hash, f.chain}));
  ++recorded_;
  return ok_status();
}

Result<VerifyReport> verify(storage::Database& db) {
  VerifyReport report;
  for (int chain = 0; chain < kChains && report.ok; ++chain) {
    std::string prev;
    int64_t last_seq = 0;
    bool more = true;
    while (more && report.ok) {
      auto page = db.read([&](storage::Tx& tx) -> Result<storage::Rows> {
        return tx.query(
            "SELECT id, seq, at, actor_kind, actor_id, actor_name, role, unit_id, action, "
            "object_type, object_id, request_id, ip, change, change_digest, prev_hash, hash "
            "FROM audit_log WHERE chain_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000",
            {chain, last_seq});
      });
      TS_TRY(page);
      more = page->size() == 5000;
      for (auto r : *page) {
        Fields f;
        f.chain = chain;
        f.seq = r.i64(1);
        f.at = r.i64(2);
        f.actor_kind = r.str(3);
        f.actor_id = r.opt_i64(4);
        f.actor_name = r.str(5);
        f.role = r.str(6);
        f.unit_id = r.opt_i64(7);
        f.action = r.str(8);
        f.object_type = r.str(9);
        f.object_id = r.str(10);
        f.request_id = r.str(11);
        f.ip = r.str(12);
        f.change_digest = r.str(14);
        auto fail = [&](std::string reason) {
          report.ok = false;
          report.chain = chain;
          report.seq = f.seq;
          report.audit_id = r.i64(0);
          report.reason = std::move(reason);
        };
        if (f.seq != last_seq + 1) {
          fail(fmt::format("sequence jumps from {} to {} (entries removed)", last_seq, f.seq));
        } else if (crypto::sha256_hex(r.str(13)) != f.change_digest) {
          fail("the recorded change does not match its digest (change edited)");
        } else if (r.str(15) != prev) {
          fail("prev_hash does not match the previous entry's hash");
        } else if (link_hash(prev, f) != r.str(16)) {
          fail("the entry's hash does not match its content (entry edited)");
        }
        if (!report.ok) break;
        prev = r.str(16);
        last_seq = f.seq;
        ++report.entries_checked;
      }
    }
    if (!report.ok) break;
    // The chain head must point at the last entry: catches truncation of the newest entries.
    auto head = db.read([&](storage::Tx& tx) -> Result<storage::Rows> {
      return tx.query("SELECT seq, head FROM audit_chains WHERE id = $1", {chain});
    });
    TS_TRY(head);
    if (head->empty() || head->front().i64(0) != last_seq || head->front().str(1) != prev) {
      report.ok = false;
      report.chain = chain;
      report.seq = last_seq + 1;
      report.reason = "the chain head does not match the last entry (newest entries removed)";
    }
  }
  return report;
}

}  // namespace tinhso::audit
