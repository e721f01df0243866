#include "core/audit/change_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/base/crypto.h"

namespace tinhso::audit {

// An entry's hashed fields (the ChangeTx::Entry and the verifier share them).
struct EntryFields {
  int64_t chain = 0, seq = 0, at = 0;
  std::string actor_kind;
  std::optional<int64_t> actor_id;
  std::string actor_name, role;
  std::optional<int64_t> unit_id;
  std::string action, object_type, object_id, request_id, ip, change_digest;
};

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

constexpr int kLegacyHash = 1;  // SHA-256 of newline-joined fields
constexpr int kKeyedHash = 2;   // HMAC-SHA-256 of length-prefixed fields

std::string opt(const std::optional<int64_t>& v) {
  return v ? std::to_string(*v) : std::string();
}

std::string legacy_hash(const std::string& prev, const EntryFields& f) {
  std::string material =
      fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", prev, f.chain,
                  f.seq, f.at, f.actor_kind, opt(f.actor_id), f.actor_name, f.role, opt(f.unit_id),
                  f.action, f.object_type, f.object_id, f.request_id, f.ip, f.change_digest);
  return crypto::sha256_hex(material);
}

std::string keyed_hash(const AuditKey& key, const std::string& prev, const EntryFields& f) {
  std::string material;
  for (const std::string& field :
       {prev, std::to_string(f.chain), std::to_string(f.seq), std::to_string(f.at), f.actor_kind,
        opt(f.actor_id), f.actor_name, f.role, opt(f.unit_id), f.action, f.object_type, f.object_id,
        f.request_id, f.ip, f.change_digest}) {
    material += std::to_string(field.size());
    material += ':';
    material += field;
  }
  return crypto::hex_encode(crypto::hmac_sha256(key.secret, material));
}

}  // namespace

struct ChangeTx::Entry {
  EntryFields fields;
  std::string change_text;
};

ChangeTx::ChangeTx(storage::Tx& sql, const Actor& actor, Instant now, const AuditKey* key)
    : sql_(sql), actor_(actor), now_(now), key_(key) {}
ChangeTx::~ChangeTx() = default;

Status ChangeTx::record(std::string_view action, std::string_view object_type,
                        std::string_view object_id, const boost::json::value& change) {
  if (key_ == nullptr) return Error::internal("audit key not loaded: nothing can be recorded");
  auto e = std::make_unique<Entry>();
  EntryFields& f = e->fields;
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
  e->change_text = boost::json::serialize(change);
  f.change_digest = crypto::sha256_hex(e->change_text);
  entries_.push_back(std::move(e));
  ++recorded_;
  return ok_status();
}

Status ChangeTx::append_recorded() {
  // Each chain's place: how many entries it takes, and its last seq and hash before them.
  struct Head {
    int64_t count = 0, seq = 0;
    std::string hash;
  };
  std::map<int64_t, Head> heads;  // ordered, so chains are locked in one order
  for (const auto& e : entries_) ++heads[e->fields.chain].count;
  for (auto& [chain, h] : heads) {
    // Taking the chain row's lock serialises appends to this chain (PostgreSQL); on SQLite the
    // single writer already does. Chains are locked in ascending order: two transactions never
    // wait for each other in a cycle.
    TS_ASSIGN_OR_RETURN(auto head, sql_.query("UPDATE audit_chains SET seq = seq + $1 WHERE id = "
                                              "$2 RETURNING seq, head",
                                              {h.count, chain}));
    if (head.empty()) return Error::internal(fmt::format("audit chain {} missing", chain));
    h.seq = head.front().i64(0) - h.count;
    h.hash = head.front().str(1);
  }
  // Inserted in recording order, so that ids (the audit list's order) follow it too.
  for (const auto& e : entries_) {
    EntryFields& f = e->fields;
    Head& h = heads[f.chain];
    f.seq = ++h.seq;
    std::string hash = keyed_hash(*key_, h.hash, f);
    // Nothing in the transaction reads the entries back: they travel with the commit.
    TS_TRY(sql_.exec_later(
        "INSERT INTO audit_log (chain_id, seq, at, actor_kind, actor_id, actor_name, role, "
        "unit_id, action, object_type, object_id, request_id, ip, change, change_digest, "
        "prev_hash, hash, hash_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12, $13, $14, $15, $16, $17, $18)",
        {f.chain, f.seq, f.at, f.actor_kind, f.actor_id, f.actor_name, f.role, f.unit_id, f.action,
         f.object_type, f.object_id, f.request_id, f.ip, e->change_text, f.change_digest, h.hash,
         hash, kKeyedHash}));
    h.hash = std::move(hash);
  }
  for (const auto& [chain, h] : heads)
    TS_TRY(sql_.exec_later("UPDATE audit_chains SET head = $1 WHERE id = $2", {h.hash, chain}));
  entries_.clear();
  return ok_status();
}

Result<std::vector<ChainHead>> read_heads(storage::Tx& tx) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, seq, head FROM audit_chains ORDER BY id"));
  std::vector<ChainHead> heads;
  for (auto r : rows) heads.push_back({static_cast<int>(r.i64(0)), r.i64(1), r.str(2)});
  return heads;
}

Result<std::optional<ChainHead>> first_missing_head(storage::Database& db,
                                                    const std::vector<ChainHead>& recorded) {
  return db.read([&](storage::Tx& tx) -> Result<std::optional<ChainHead>> {
    for (const ChainHead& h : recorded) {
      if (h.seq <= 0) continue;  // an empty chain: nothing to hold
      TS_ASSIGN_OR_RETURN(auto rows,
                          tx.query("SELECT hash FROM audit_log WHERE chain_id = $1 AND seq = $2",
                                   {h.chain, h.seq}));
      if (rows.empty() || rows.front().str(0) != h.head) return std::optional<ChainHead>(h);
    }
    return std::optional<ChainHead>();
  });
}

Result<VerifyReport> verify(storage::Database& db, const VerifyOptions& options) {
  VerifyReport report;
  // One snapshot of the heads: entries up to them were committed with them; later ones are
  // not this run's business (a busy server keeps appending while we read).
  TS_ASSIGN_OR_RETURN(auto heads, db.read([](storage::Tx& tx) { return read_heads(tx); }));
  std::map<int, ChainHead> snapshot;
  for (auto& h : heads) snapshot[h.chain] = h;
  // Every chain this binary writes and every chain the database has: a database migrated by a
  // newer release (more chains) is checked whole, not up to this binary's count.
  int chains = std::max(kChains, snapshot.empty() ? 0 : snapshot.rbegin()->first + 1);
  for (int chain = 0; chain < chains && report.ok; ++chain) {
    int64_t until = snapshot.count(chain) ? snapshot[chain].seq : 0;
    std::string prev;
    int64_t last_seq = 0;
    bool more = until > 0;
    while (more && report.ok) {
      auto page = db.read([&](storage::Tx& tx) -> Result<storage::Rows> {
        return tx.query(
            "SELECT id, seq, at, actor_kind, actor_id, actor_name, role, unit_id, action, "
            "object_type, object_id, request_id, ip, change, change_digest, prev_hash, hash, "
            "hash_version FROM audit_log WHERE chain_id = $1 AND seq > $2 AND seq <= $3 ORDER BY "
            "seq LIMIT 5000",
            {chain, last_seq, until});
      });
      TS_TRY(page);
      more = page->size() == 5000;
      for (auto r : *page) {
        EntryFields f;
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
        int version = static_cast<int>(r.i64(17));
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
        } else if (version == kKeyedHash && options.key == nullptr) {
          fail("keyed entries cannot be checked without the audit key");
        } else if (version != kKeyedHash && version != kLegacyHash) {
          fail(fmt::format("unknown hash version {}", version));
        } else if ((version == kKeyedHash ? keyed_hash(*options.key, prev, f)
                                          : legacy_hash(prev, f)) != r.str(16)) {
          fail("the entry's hash does not match its content (entry edited)");
        } else if (version == kLegacyHash && options.key != nullptr &&
                   (static_cast<std::size_t>(chain) >= options.key->legacy_until.size() ||
                    f.seq > options.key->legacy_until[static_cast<std::size_t>(chain)])) {
          fail("an unkeyed entry written after the key existed (entry rewritten without it)");
        }
        if (!report.ok) break;
        if (version == kLegacyHash) ++report.legacy_entries;
        prev = r.str(16);
        last_seq = f.seq;
        ++report.entries_checked;
      }
      if (page->empty()) more = false;
    }
    if (!report.ok) break;
    // The snapshot's head must be the last entry: catches truncation of the newest entries.
    if (last_seq != until || (until > 0 && snapshot[chain].head != prev)) {
      report.ok = false;
      report.chain = chain;
      report.seq = last_seq + 1;
      report.reason = "the chain head does not match the last entry (newest entries removed)";
    }
  }
  // Every head a checkpoint recorded must still be there, with the same hash.
  for (const auto& [when, recorded] : options.checkpoints) {
    if (!report.ok) break;
    TS_ASSIGN_OR_RETURN(auto missing, first_missing_head(db, recorded));
    if (missing) {
      report.ok = false;
      report.chain = missing->chain;
      report.seq = missing->seq;
      report.reason = fmt::format(
          "the log no longer holds the entry the checkpoint of {} recorded (log rewritten or "
          "truncated after it)",
          when);
      break;
    }
    ++report.checkpoints_checked;
  }
  return report;
}

}  // namespace tinhso::audit
