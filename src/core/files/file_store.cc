#include "core/files/file_store.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstring>

#include "core/base/crypto.h"
#include "core/base/text.h"

namespace tinhso::files {
namespace {

constexpr std::string_view kColumns =
    "id, name, content_type, sha256, size, owner_kind, owner_id, created_at, text_status";

StoredFile file_from_row(const storage::Rows::Row& r) {
  StoredFile f;
  f.id = r.i64(0);
  f.name = r.str(1);
  f.content_type = r.str(2);
  f.sha256 = r.str(3);
  f.size = r.i64(4);
  f.owner_kind = r.str(5);
  f.owner_id = r.opt_i64(6);
  f.created_at = from_millis(r.i64(7));
  if (!r.is_null(8)) f.text_status = r.str(8);
  return f;
}

// A name safe to show and to put in Content-Disposition: no paths, no control characters.
std::string clean_name(std::string name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  if (!text::is_valid_utf8(name)) name.clear();
  std::string out;
  for (char c : text::strip_forbidden_characters(name)) {
    if (c == '"' || c == '\t' || c == '\n' || c == '\r') continue;
    out += c;
  }
  out = std::string(text::trim(out));
  if (out.empty()) out = "tep-dinh-kem";
  out = std::string(text::prefix_utf8(out, 200));
  return text::to_nfc(out);
}

// Connects to "host:port" or a unix socket path; -1 on failure.
int connect_clamd(const std::string& address) {
  if (address.starts_with("/")) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, address.c_str(), sizeof(a.sun_path) - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }
  auto colon = address.rfind(':');
  if (colon == std::string::npos) return -1;
  std::string host = address.substr(0, colon), port = address.substr(colon + 1);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0) return -1;
  int fd = -1;
  for (addrinfo* p = res; p != nullptr; p = p->ai_next) {
    fd = ::socket(p->ai_family, p->ai_socktype, p->ai_protocol);
    if (fd >= 0 && ::connect(fd, p->ai_addr, p->ai_addrlen) == 0) break;
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  return fd;
}

bool send_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

}  // namespace

boost::json::object file_json(const StoredFile& f) {
  return boost::json::object{
      {"id", f.id},
      {"name", f.name},
      {"content_type", f.content_type},
      {"size", f.size},
      {"sha256", f.sha256},
      {"created_at", format_rfc3339(f.created_at)},
      {"text_status", f.text_status ? boost::json::value(*f.text_status) : nullptr}};
}

boost::json::object file_summary_json(const storage::Rows::Row& r, int first) {
  return boost::json::object{{"id", r.i64(first)},
                             {"name", r.str(first + 1)},
                             {"size", r.i64(first + 2)},
                             {"content_type", r.str(first + 3)},
                             {"sha256", r.str(first + 4)}};
}

std::optional<std::string> sniff_type(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF) {
    return "image/jpeg";
  }
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  return std::nullopt;
}

Status clamd_scan(const std::string& address, std::string_view bytes) {
  int fd = connect_clamd(address);
  if (fd < 0) return Error::unavailable(fmt::format("clamd at {} unreachable", address));
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  bool ok = send_all(fd, "zINSTREAM", 10);  // includes the terminating NUL
  for (std::size_t off = 0; ok && off < bytes.size(); off += 65536) {
    uint32_t n = static_cast<uint32_t>(std::min<std::size_t>(65536, bytes.size() - off));
    uint32_t be = htonl(n);
    ok = send_all(fd, reinterpret_cast<const char*>(&be), 4) && send_all(fd, bytes.data() + off, n);
  }
  uint32_t zero = 0;
  ok = ok && send_all(fd, reinterpret_cast<const char*>(&zero), 4);
  std::string reply;
  char buf[256];
  while (ok) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
    if (reply.find('\0') != std::string::npos) break;
  }
  ::close(fd);
  reply = reply.substr(0, reply.find('\0'));
  if (!ok || reply.empty())
    return Error::unavailable(fmt::format("clamd at {}: no verdict", address));
  if (reply.ends_with("OK")) return ok_status();
  if (reply.ends_with("FOUND")) {
    std::string signature = reply.substr(reply.find(':') + 2);
    signature = signature.substr(0, signature.size() - 6);
    return Error(422, "file.infected", "Tệp tải lên có chứa mã độc và đã bị từ chối.",
                 boost::json::object{{"signature", signature}});
  }
  return Error::unavailable(fmt::format("clamd at {}: {}", address, reply));
}

Result<CheckedFile> FileStore::check(std::string name, std::string_view declared_type,
                                     std::string_view bytes) const {
  if (bytes.empty()) return Error::validation("file", "Tệp tải lên rỗng.");
  if (static_cast<int64_t>(bytes.size()) > config_.max_file_bytes) {
    return Error::payload_too_large(static_cast<std::size_t>(config_.max_file_bytes));
  }
  auto type = sniff_type(bytes);
  if (!type) {
    return Error::unsupported_media_type("Chỉ chấp nhận tệp PDF hoặc ảnh JPEG, PNG.");
  }
  std::string declared = text::to_lower_ascii(declared_type.substr(0, declared_type.find(';')));
  if (!declared.empty() && declared != "application/octet-stream" && declared != *type) {
    return Error::unsupported_media_type(
        fmt::format("Nội dung tệp không khớp với loại tệp khai báo ({}).", declared));
  }
  if (!config_.clamd.empty()) TS_TRY(clamd_scan(config_.clamd, bytes));
  return CheckedFile{clean_name(std::move(name)), *type, crypto::sha256_hex(bytes), bytes};
}

Result<StoredFile> FileStore::insert(audit::ChangeTx& tx, const CheckedFile& f) {
  const audit::Actor& actor = tx.actor();
  // A PDF's text is read later, in the sandbox (TextExtractor), never on the request's thread.
  std::optional<std::string> text_status;
  if (f.content_type == "application/pdf") text_status = std::string(kTextPending);
  int64_t size = static_cast<int64_t>(f.bytes.size());
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.sql().query(
          "INSERT INTO files (name, content_type, sha256, size, data, owner_kind, owner_id, "
          "created_at, text_status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
          {f.name, f.content_type, f.sha256, size, storage::Blob{f.bytes}, actor.kind, actor.id,
           tx.now_ms(), text_status}));
  StoredFile stored{rows.front().i64(0), f.name,   f.content_type, f.sha256,   size,
                    actor.kind,          actor.id, tx.now(),       text_status};
  TS_TRY(tx.record("file.upload", "file", stored.id,
                   boost::json::object{{"name", stored.name},
                                       {"content_type", stored.content_type},
                                       {"size", stored.size},
                                       {"sha256", stored.sha256},
                                       {"scanned", !config_.clamd.empty()}}));
  return stored;
}

Result<StoredFile> FileStore::put(audit::ChangeLog& log, const audit::Actor& actor,
                                  std::string name, std::string_view declared_type,
                                  std::string_view bytes) {
  TS_ASSIGN_OR_RETURN(auto checked, check(std::move(name), declared_type, bytes));
  return log.apply(actor,
                   [&](audit::ChangeTx& tx) -> Result<StoredFile> { return insert(tx, checked); });
}

Result<StoredFile> FileStore::meta(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows,
                      tx.query(fmt::format("SELECT {} FROM files WHERE id = $1", kColumns), {id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy tệp.");
  return file_from_row(rows.front());
}

Result<StoredFile> FileStore::own_upload(storage::Tx& tx, int64_t id, const audit::Actor& actor,
                                         std::string_view field) {
  auto f = meta(tx, id);
  // Someone else's file and no file at all read alike: neither its name nor its existence is
  // told to a person who did not upload it.
  if (!f.ok() && f.error().status() != 404) return f.error();
  if (!f.ok() || f->owner_kind != actor.kind || f->owner_id != actor.id)
    return Error::validation(field, fmt::format("Tệp số {} không phải tệp do bạn tải lên.", id));
  return f;
}

Result<std::string> FileStore::content(int64_t id) {
  return db_.read([&](storage::Tx& tx) { return content(tx, id); });
}

Result<std::string> FileStore::content(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT data FROM files WHERE id = $1", {id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy tệp.");
  return rows.front().str(0);
}

}  // namespace tinhso::files
