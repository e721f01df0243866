#include "core/audit/checkpoints.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <syslog.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>

#include "core/base/crypto.h"

namespace tinhso::audit {

std::string Checkpoint::signed_text() const {
  std::string out = fmt::format("tinhso-audit-checkpoint-v1\n{}\n{}\n{}\n", at_ms, node, key_id);
  for (const auto& h : chains) out += fmt::format("{}:{}:{}\n", h.chain, h.seq, h.head);
  return out;
}

std::string Checkpoint::to_line() const {
  boost::json::array heads;
  for (const auto& h : chains) heads.push_back(boost::json::array{h.chain, h.seq, h.head});
  boost::json::object o{{"v", 1},
                        {"at", format_rfc3339(from_millis(at_ms))},
                        {"at_ms", at_ms},
                        {"node", node},
                        {"key", key_id},
                        {"chains", std::move(heads)},
                        {"signature", crypto::base64_encode(signature)}};
  return boost::json::serialize(o);
}

Result<Checkpoint> Checkpoint::parse_line(std::string_view line) {
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);
  auto bad = [] { return Error::invalid("Dòng điểm kiểm tra nhật ký không đúng định dạng."); };
  if (ec || !v.is_object()) return bad();
  try {
    const auto& o = v.as_object();
    if (o.at("v").as_int64() != 1) return bad();
    Checkpoint c;
    c.at_ms = o.at("at_ms").as_int64();
    c.node = std::string(o.at("node").as_string());
    c.key_id = std::string(o.at("key").as_string());
    for (const auto& h : o.at("chains").as_array()) {
      const auto& a = h.as_array();
      c.chains.push_back({static_cast<int>(a.at(0).as_int64()), a.at(1).as_int64(),
                          std::string(a.at(2).as_string())});
    }
    if (!crypto::base64_decode(o.at("signature").as_string(), c.signature)) return bad();
    return c;
  } catch (const std::exception&) {
    return bad();
  }
}

Result<Checkpoint> make_checkpoint(storage::Database& db, const CheckpointKey& key, Instant now,
                                   std::string node) {
  Checkpoint c;
  TS_ASSIGN_OR_RETURN(c.chains, db.read([](storage::Tx& tx) { return read_heads(tx); }));
  c.at_ms = to_millis(now);
  c.node = std::move(node);
  c.key_id = key.id();
  TS_ASSIGN_OR_RETURN(c.signature, key.sign(c.signed_text()));
  return c;
}

Result<std::vector<Checkpoint>> read_checkpoints(std::string_view text, const CheckpointKey& key) {
  std::vector<Checkpoint> out;
  int line_no = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
    auto c = Checkpoint::parse_line(line);
    if (!c.ok())
      return Error::invalid(fmt::format("Điểm kiểm tra dòng {}: {}", line_no, c.error().message()));
    if (!key.verify(c->signed_text(), c->signature))
      return Error::invalid(fmt::format(
          "Điểm kiểm tra dòng {} có chữ ký không hợp lệ (đã bị sửa, hoặc ký bằng khóa khác).",
          line_no));
    out.push_back(std::move(*c));
  }
  return out;
}

Result<std::optional<Checkpoint>> newest_checkpoint(const std::string& path,
                                                    const CheckpointKey& key) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::optional<Checkpoint>();
  // Read backwards in blocks until a whole line verifies; a line is a few kilobytes.
  constexpr std::streamoff kBlock = 64 * 1024;
  const std::streamoff size = in.tellg();
  std::string tail;  // the file's last bytes read so far
  std::streamoff start = size;
  while (start > 0) {
    std::streamoff from = std::max<std::streamoff>(0, start - kBlock);
    std::string block(static_cast<std::size_t>(start - from), '\0');
    in.seekg(from);
    if (!in.read(block.data(), static_cast<std::streamsize>(block.size())))
      return Error::internal("cannot read " + path);
    tail.insert(0, block);
    start = from;
    // Whole lines only: before the first newline the line may begin in an earlier block.
    std::string_view text(tail);
    std::size_t first_whole = start == 0 ? 0 : text.find('\n');
    if (first_whole == std::string_view::npos) continue;
    if (start > 0) ++first_whole;
    std::size_t end = text.size();
    while (end > first_whole) {
      std::size_t nl = text.rfind('\n', end - 1);
      std::size_t begin = nl == std::string_view::npos || nl < first_whole ? first_whole : nl + 1;
      std::string_view line = text.substr(begin, end - begin);
      end = begin == first_whole ? first_whole : begin - 1;
      if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
      auto c = Checkpoint::parse_line(line);
      if (c.ok() && key.verify(c->signed_text(), c->signature))
        return std::optional<Checkpoint>(std::move(*c));
    }
    // Everything read so far is unusable; keep only the partial line before it.
    tail.resize(start == 0 ? 0 : first_whole);
  }
  return std::optional<Checkpoint>();
}

CheckpointWriter::CheckpointWriter(storage::Database& db, const Clock& clock,
                                   std::shared_ptr<const CheckpointKey> key,
                                   CheckpointOptions options)
    : db_(db),
      clock_(clock),
      key_(std::move(key)),
      options_(std::move(options)),
      task_(options_.interval, [this] {
        auto r = write_once();
        if (!r.ok()) spdlog::error("audit checkpoint: {}", r.error().describe());
      }) {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  node_ = fmt::format("{}:{}", host, ::getpid());
}

Result<bool> CheckpointWriter::write_once() {
  TS_ASSIGN_OR_RETURN(auto c, make_checkpoint(db_, *key_, clock_.now(), node_));
  std::string heads;
  for (const auto& h : c.chains) heads += fmt::format("{}:{};", h.seq, h.head);
  if (heads == last_heads_) return false;
  std::string line = c.to_line();
  if (!options_.file.empty()) {
    // A line cut short by a crash gets its own line end, so that this one stays readable.
    bool cut_short = false;
    if (std::ifstream last(options_.file, std::ios::binary | std::ios::ate); last) {
      auto size = static_cast<std::streamoff>(last.tellg());
      char c = '\n';
      if (size > 0 && last.seekg(size - 1) && last.get(c)) cut_short = c != '\n';
    }
    std::ofstream out(options_.file, std::ios::app);
    if (cut_short) out << '\n';
    out << line << '\n';
    out.flush();
    if (!out) return Error::internal("cannot append to " + options_.file);
  }
  if (options_.syslog) {
    ::openlog("tinhso", LOG_PID, LOG_AUTHPRIV);
    ::syslog(LOG_NOTICE, "audit-checkpoint %s", line.c_str());
  }
  // Bookkeeping, not a person's change.
  TS_TRY(db_.write([&](storage::Tx& tx) {
    return tx.exec("INSERT INTO audit_checkpoints (at, node, line) VALUES ($1, $2, $3)",
                   {c.at_ms, node_, line});
  }));
  last_heads_ = std::move(heads);
  return true;
}

}  // namespace tinhso::audit
