#include "core/config/config.h"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <functional>
#include <set>
#include <stdexcept>
#include <variant>

#include "core/base/text.h"

extern char** environ;  // NOLINT: POSIX

namespace tinhso {
namespace {

using Target = ConfigTarget;

struct CoreKey {
  std::string_view name;  // "section.key"
  std::string_view doc;
  Target (*get)(Config&);
};

// The one declaration of every key of core's sections; modules declare theirs in their own
// ConfigSection.
const std::vector<CoreKey>& core_keys() {
  static const std::vector<CoreKey> kKeys = {
      {"data_dir", "Directory for the SQLite database, attachments and backups.",
       [](Config& c) -> Target { return &c.data_dir; }},
      {"server.listen", "Address and port to listen on.",
       [](Config& c) -> Target { return &c.server.listen; }},
      {"server.io_threads", "Threads serving network I/O; 0 means one per CPU core.",
       [](Config& c) -> Target { return &c.server.io_threads; }},
      {"server.worker_threads",
       "Threads for blocking work (database writes, password hashing, PDF); 0 means max(32, 8 x "
       "cores) on SQLite, min(database.pool_size, max(8, 4 x cores)) on PostgreSQL.",
       [](Config& c) -> Target { return &c.server.worker_threads; }},
      {"server.header_limit_bytes", "Largest accepted request header block.",
       [](Config& c) -> Target { return &c.server.header_limit_bytes; }},
      {"server.body_limit_bytes", "Largest accepted request body, unless a route allows more.",
       [](Config& c) -> Target { return &c.server.body_limit_bytes; }},
      {"server.max_connections",
       "Open connections served in full; beyond them a small reserve answers health checks "
       "only and others are told 503 server_busy. 0: from the file-descriptor limit.",
       [](Config& c) -> Target { return &c.server.max_connections; }},
      {"server.malloc_arenas",
       "Memory arenas of the allocator (glibc); 0: glibc's default, 8 per core. 2 lets the next "
       "request reuse what a large one freed (after a 1 M-value import the server holds 347 MB "
       "instead of 1.1 GB) but may slow concurrent writes (docs/operations.md).",
       [](Config& c) -> Target { return &c.server.malloc_arenas; }},
      {"server.read_timeout_seconds", "Time allowed to receive one request.",
       [](Config& c) -> Target { return &c.server.read_timeout_seconds; }},
      {"server.request_deadline_seconds",
       "Time a request may wait on the database (a pooled connection, answers) before it is "
       "answered 503; a hung database then frees the worker. 0: only the database limits.",
       [](Config& c) -> Target { return &c.server.request_deadline_seconds; }},
      {"server.idle_timeout_seconds", "Keep-alive connections idle longer than this are closed.",
       [](Config& c) -> Target { return &c.server.idle_timeout_seconds; }},
      {"server.shutdown_grace_seconds", "On SIGTERM, time given to in-flight requests to finish.",
       [](Config& c) -> Target { return &c.server.shutdown_grace_seconds; }},
      {"server.web_root", "Directory of the built web front end (web/dist).",
       [](Config& c) -> Target { return &c.server.web_root; }},
      {"server.public_url",
       "URL people use to reach tinhso; https:// enables Secure cookies and HSTS.",
       [](Config& c) -> Target { return &c.server.public_url; }},
      {"server.trusted_proxies", "Peer addresses whose X-Forwarded-For header is trusted.",
       [](Config& c) -> Target { return &c.server.trusted_proxies; }},
      {"database.url", "sqlite:<file> (relative to data_dir) or postgresql://user@host:port/db.",
       [](Config& c) -> Target { return &c.database.url; }},
      {"database.pool_size", "PostgreSQL: connections in the pool.",
       [](Config& c) -> Target { return &c.database.pool_size; }},
      {"database.sqlite_readers", "SQLite: read connections; 0 means io + worker threads.",
       [](Config& c) -> Target { return &c.database.sqlite_readers; }},
      {"database.sqlite_cache_mb",
       "SQLite: page cache of all connections together (MiB); the rest comes from the OS.",
       [](Config& c) -> Target { return &c.database.sqlite_cache_mb; }},
      {"database.group_commit_max_batch",
       "SQLite: most write transactions committed together with one fsync; 1 disables group "
       "commit.",
       [](Config& c) -> Target { return &c.database.group_commit_max_batch; }},
      {"database.busy_timeout_ms", "SQLite: wait this long for a lock before failing.",
       [](Config& c) -> Target { return &c.database.busy_timeout_ms; }},
      {"database.statement_timeout_ms", "PostgreSQL: statements running longer are cancelled.",
       [](Config& c) -> Target { return &c.database.statement_timeout_ms; }},
      {"database.min_free_disk_mb",
       "/readyz reports not ready (storage full) when the file system of data_dir has less free "
       "space than this (MiB); writes that find the disk full are answered 507.",
       [](Config& c) -> Target { return &c.database.min_free_disk_mb; }},
      {"security.session_idle_minutes", "Sessions unused this long expire.",
       [](Config& c) -> Target { return &c.security.session_idle_minutes; }},
      {"security.session_absolute_hours",
       "Sessions expire this long after login regardless of use.",
       [](Config& c) -> Target { return &c.security.session_absolute_hours; }},
      {"security.session_cache_seconds",
       "How long a node trusts its cached copy of a session; on PostgreSQL a logout on another "
       "node ends it at once (change feed), this bounds only a node that missed the notice.",
       [](Config& c) -> Target { return &c.security.session_cache_seconds; }},
      {"security.login_max_failures",
       "Failed logins in a row, from any addresses, that lock an account for "
       "login_lockout_minutes and raise an alert (fewer only earn waits).",
       [](Config& c) -> Target { return &c.security.login_max_failures; }},
      {"security.login_lockout_minutes", "How long such a locked account stays locked.",
       [](Config& c) -> Target { return &c.security.login_lockout_minutes; }},
      {"security.login_client_delay_after",
       "Failed logins by one client address on one account before it must wait (1 s, 2 s, "
       "4 s …).",
       [](Config& c) -> Target { return &c.security.login_client_delay_after; }},
      {"security.login_account_delay_after",
       "Failed logins on one account, from any addresses, before every attempt must wait.",
       [](Config& c) -> Target { return &c.security.login_account_delay_after; }},
      {"security.login_max_delay_seconds", "The longest wait a failed login earns.",
       [](Config& c) -> Target { return &c.security.login_max_delay_seconds; }},
      {"security.argon2_memory_kib", "argon2id memory cost for password hashes.",
       [](Config& c) -> Target { return &c.security.argon2_memory_kib; }},
      {"security.argon2_iterations", "argon2id time cost.",
       [](Config& c) -> Target { return &c.security.argon2_iterations; }},
      {"security.argon2_parallelism", "argon2id lanes.",
       [](Config& c) -> Target { return &c.security.argon2_parallelism; }},
      {"security.rate_limit_per_second", "Sustained requests per second per client; 0 disables.",
       [](Config& c) -> Target { return &c.security.rate_limit_per_second; }},
      {"security.rate_limit_burst", "Requests a client may send in a burst.",
       [](Config& c) -> Target { return &c.security.rate_limit_burst; }},
      {"security.login_attempts_per_minute", "Login attempts per minute per client address.",
       [](Config& c) -> Target { return &c.security.login_attempts_per_minute; }},
      {"calendar.work_days", "ISO weekdays that are working days (1 = Monday).",
       [](Config& c) -> Target { return &c.calendar.work_days; }},
      {"calendar.work_periods", "Daily working periods, local time, \"HH:MM-HH:MM\".",
       [](Config& c) -> Target { return &c.calendar.work_periods; }},
      {"calendar.afternoon_cutoff",
       "\"HH:MM\": dossiers received later start counting on the next working day; empty disables.",
       [](Config& c) -> Target { return &c.calendar.afternoon_cutoff; }},
      {"map.tile_url",
       "Map tiles for the screens that take a place, \"https://…/{z}/{x}/{y}.png\" (the "
       "province's own tile server); empty: no map, and no outside calls.",
       [](Config& c) -> Target { return &c.map.tile_url; }},
      {"map.attribution", "The tiles' attribution, shown on the map (\"© OpenStreetMap\").",
       [](Config& c) -> Target { return &c.map.attribution; }},
      {"map.center_lat", "Latitude where the map opens before a place is chosen.",
       [](Config& c) -> Target { return &c.map.center_lat; }},
      {"map.center_lon", "Longitude where the map opens before a place is chosen.",
       [](Config& c) -> Target { return &c.map.center_lon; }},
      {"map.zoom", "Zoom level the map opens at (1–19).",
       [](Config& c) -> Target { return &c.map.zoom; }},
      {"files.max_file_bytes", "Largest uploaded file (papers, results, documents).",
       [](Config& c) -> Target { return &c.files.max_file_bytes; }},
      {"files.clamd",
       "Virus scan with ClamAV: clamd's \"host:port\" or unix socket path; empty disables.",
       [](Config& c) -> Target { return &c.files.clamd; }},
      {"files.text_cpu_seconds",
       "CPU time the sandbox may spend reading one PDF's text; beyond it the file is kept "
       "without text (not_extracted).",
       [](Config& c) -> Target { return &c.files.text_cpu_seconds; }},
      {"files.text_memory_mb", "Address space of the sandbox that reads a PDF's text (MiB).",
       [](Config& c) -> Target { return &c.files.text_memory_mb; }},
      {"files.text_wall_seconds", "Wall-clock time the sandbox may take for one PDF.",
       [](Config& c) -> Target { return &c.files.text_wall_seconds; }},
      {"notify.smtp_url",
       "Outgoing mail server, smtp://host:port or smtps://host:port; empty disables e-mail.",
       [](Config& c) -> Target { return &c.notify.smtp_url; }},
      {"notify.smtp_from", "Sender of notification e-mails.",
       [](Config& c) -> Target { return &c.notify.smtp_from; }},
      {"notify.smtp_user", "SMTP login (optional).",
       [](Config& c) -> Target { return &c.notify.smtp_user; }},
      {"notify.smtp_password", "SMTP password (optional).",
       [](Config& c) -> Target { return &c.notify.smtp_password; }},
      {"notify.sms_webhook_url",
       "SMS gateway webhook (POST JSON, see docs/notifications.md); empty disables SMS.",
       [](Config& c) -> Target { return &c.notify.sms_webhook_url; }},
      {"notify.sms_webhook_token", "Bearer token sent to the SMS gateway.",
       [](Config& c) -> Target { return &c.notify.sms_webhook_token; }},
      {"notify.max_attempts",
       "Deliveries are retried with backoff this many times, then kept as dead letters.",
       [](Config& c) -> Target { return &c.notify.max_attempts; }},
      {"notify.retry_base_seconds",
       "First retry of a failed delivery after this many seconds, doubling up to one hour.",
       [](Config& c) -> Target { return &c.notify.retry_base_seconds; }},
      {"signing.keys_dir",
       "Directory of PKCS#12 signing keys (<agency code>.p12, <username>.p12); empty disables "
       "digital signatures.",
       [](Config& c) -> Target { return &c.signing.keys_dir; }},
      {"signing.key_password", "Password of the PKCS#12 files.",
       [](Config& c) -> Target { return &c.signing.key_password; }},
      {"signing.trust_roots", "PEM file of trusted root and intermediate certificates.",
       [](Config& c) -> Target { return &c.signing.trust_roots; }},
      {"signing.crls", "PEM file of certificate revocation lists of those authorities.",
       [](Config& c) -> Target { return &c.signing.crls; }},
      {"logging.level", "trace, debug, info, warn, error.",
       [](Config& c) -> Target { return &c.logging.level; }},
      {"logging.format", "json (one object per line) or text.",
       [](Config& c) -> Target { return &c.logging.format; }},
      {"logging.file", "Log file; empty means standard error.",
       [](Config& c) -> Target { return &c.logging.file; }},
      {"logging.access_log", "Log one JSON line per HTTP request.",
       [](Config& c) -> Target { return &c.logging.access_log; }},
      {"audit.keys_dir",
       "Where the audit log's HMAC key and checkpoint signing key are kept (outside the "
       "database); empty: <data_dir>/keys. Every node of a cluster needs the same files.",
       [](Config& c) -> Target { return &c.audit.keys_dir; }},
      {"audit.checkpoint_minutes",
       "Minutes between signed checkpoints of the audit chain heads; 0: none.",
       [](Config& c) -> Target { return &c.audit.checkpoint_minutes; }},
      {"audit.checkpoint_file",
       "File the signed checkpoints are appended to; empty: <data_dir>/audit-checkpoints.jsonl.",
       [](Config& c) -> Target { return &c.audit.checkpoint_file; }},
      {"audit.checkpoint_syslog", "Also send each checkpoint to syslog (authpriv.notice).",
       [](Config& c) -> Target { return &c.audit.checkpoint_syslog; }},
      {"testing.clock_control",
       "Tests only: allow shifting the application clock over HTTP (loopback listeners only).",
       [](Config& c) -> Target { return &c.testing.clock_control; }},
  };
  return kKeys;
}

// A key of core or of a module's section, by its full name.
struct Key {
  std::string name;  // "section.key"
  std::string_view doc;
  std::function<Target(Config&)> get;
};

using Keys = std::vector<Key>;

Keys all_keys(std::span<const ConfigSection* const> sections) {
  Keys out;
  for (const auto& k : core_keys()) out.push_back({std::string(k.name), k.doc, k.get});
  for (const ConfigSection* section : sections) {
    for (const ConfigKey& k : section->keys) {
      out.push_back({fmt::format("{}.{}", section->name, k.name), k.doc,
                     [name = section->name, get = k.get](Config& c) {
                       return get(c.sections.find(name)->second);
                     }});
    }
  }
  return out;
}

const Key* find_key(const Keys& keys, std::string_view name) {
  for (const auto& k : keys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

template <class Int>
bool parse_number(std::string_view s, Int& out) {
  s = text::trim(s);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// Sets `key` from its text form (environment variable or --set).
Status set_from_string(Config& c, const Key& key, std::string_view value, std::string_view where) {
  Target t = key.get(c);
  bool ok = std::visit(
      [&](auto* p) -> bool {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, std::string>) {
          *p = std::string(value);
          return true;
        } else if constexpr (std::is_same_v<T, bool>) {
          std::string v = text::to_lower_ascii(text::trim(value));
          if (v == "true" || v == "1" || v == "yes" || v == "on")
            *p = true;
          else if (v == "false" || v == "0" || v == "no" || v == "off")
            *p = false;
          else
            return false;
          return true;
        } else if constexpr (std::is_same_v<T, double>) {
          try {
            std::size_t used = 0;
            std::string v(text::trim(value));
            *p = std::stod(v, &used);
            return used == v.size();
          } catch (...) {
            return false;
          }
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          p->clear();
          if (text::trim(value).empty()) return true;
          for (auto part : text::split(value, ',')) p->emplace_back(text::trim(part));
          return true;
        } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
          p->clear();
          if (text::trim(value).empty()) return true;
          for (auto part : text::split(value, ',')) {
            int64_t n;
            if (!parse_number(part, n)) return false;
            p->push_back(n);
          }
          return true;
        } else {
          return parse_number(value, *p);
        }
      },
      t);
  if (!ok) return config_error(where, key.name, fmt::format("giá trị \"{}\" sai kiểu", value));
  return ok_status();
}

Status set_from_toml(Config& c, const Key& key, const toml::node& node, std::string_view where) {
  Target t = key.get(c);
  bool ok = std::visit(
      [&](auto* p) -> bool {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, std::string>) {
          auto v = node.value<std::string>();
          if (!v) return false;
          *p = *v;
        } else if constexpr (std::is_same_v<T, bool>) {
          auto v = node.value<bool>();
          if (!v) return false;
          *p = *v;
        } else if constexpr (std::is_same_v<T, double>) {
          auto v = node.value<double>();
          if (!v) return false;
          *p = *v;
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          const auto* arr = node.as_array();
          if (arr == nullptr) return false;
          p->clear();
          for (const auto& item : *arr) {
            auto v = item.value<std::string>();
            if (!v) return false;
            p->push_back(*v);
          }
        } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
          const auto* arr = node.as_array();
          if (arr == nullptr) return false;
          p->clear();
          for (const auto& item : *arr) {
            auto v = item.value<int64_t>();
            if (!v) return false;
            p->push_back(*v);
          }
        } else {
          auto v = node.value<int64_t>();
          if (!v || !node.is_integer()) return false;
          *p = static_cast<T>(*v);
        }
        return true;
      },
      t);
  if (!ok) return config_error(where, key.name, "sai kiểu dữ liệu");
  return ok_status();
}

Status apply_table(Config& c, const Keys& keys, const toml::table& table, const std::string& prefix,
                   std::string_view where) {
  for (const auto& [k, node] : table) {
    std::string name = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table(); sub != nullptr) {
      TS_TRY(apply_table(c, keys, *sub, name, where));
      continue;
    }
    const Key* key = find_key(keys, name);
    if (key == nullptr) return config_error(where, name, "khóa không tồn tại");
    TS_TRY(set_from_toml(c, *key, node, where));
  }
  return ok_status();
}

bool valid_hhmm(std::string_view s) {
  int h, m;
  return s.size() == 5 && s[2] == ':' && parse_number(s.substr(0, 2), h) &&
         parse_number(s.substr(3, 2), m) && h >= 0 && h <= 23 && m >= 0 && m <= 59;
}

Status validate(const Config& c) {
  auto bad = [](std::string_view key, std::string_view problem) {
    return config_error("kiểm tra", key, problem);
  };
  if (c.server.listen.rfind(':') == std::string::npos) {
    return bad("server.listen", "cần dạng địa_chỉ:cổng");
  }
  if (c.server.header_limit_bytes < 1024) return bad("server.header_limit_bytes", "quá nhỏ");
  if (c.server.body_limit_bytes < 1024) return bad("server.body_limit_bytes", "quá nhỏ");
  if (c.database.group_commit_max_batch < 1) {
    return bad("database.group_commit_max_batch", "phải ≥ 1");
  }
  if (c.database.pool_size < 1) return bad("database.pool_size", "phải ≥ 1");
  if (c.database.sqlite_cache_mb < 1) return bad("database.sqlite_cache_mb", "phải ≥ 1");
  if (!c.database.url.starts_with("sqlite:") && !c.database.url.starts_with("postgresql://") &&
      !c.database.url.starts_with("postgres://")) {
    return bad("database.url", "phải bắt đầu bằng sqlite: hoặc postgresql://");
  }
  for (int64_t d : c.calendar.work_days) {
    if (d < 1 || d > 7) return bad("calendar.work_days", "ngày trong tuần từ 1 đến 7");
  }
  for (const auto& p : c.calendar.work_periods) {
    if (p.size() != 11 || p[5] != '-' || !valid_hhmm(p.substr(0, 5)) ||
        !valid_hhmm(p.substr(6, 5)) || p.substr(0, 5) >= p.substr(6, 5)) {
      return bad("calendar.work_periods", "cần dạng \"HH:MM-HH:MM\"");
    }
  }
  if (!c.calendar.afternoon_cutoff.empty() && !valid_hhmm(c.calendar.afternoon_cutoff)) {
    return bad("calendar.afternoon_cutoff", "cần dạng \"HH:MM\"");
  }
  if (c.security.login_max_failures < 1 || c.security.login_client_delay_after < 1 ||
      c.security.login_account_delay_after < 1 || c.security.login_max_delay_seconds < 1)
    return bad("security.login_*", "≥ 1");
  if (c.server.max_connections < 0) return bad("server.max_connections", "≥ 0");
  if (c.server.malloc_arenas < 0) return bad("server.malloc_arenas", "≥ 0");
  if (c.database.min_free_disk_mb < 0) return bad("database.min_free_disk_mb", "≥ 0");
  if (c.audit.checkpoint_minutes < 0) return bad("audit.checkpoint_minutes", "≥ 0");
  if (c.files.text_cpu_seconds < 1 || c.files.text_wall_seconds < 1 || c.files.text_memory_mb < 64)
    return bad("files.text_*", "CPU ≥ 1 s, thời gian ≥ 1 s, bộ nhớ ≥ 64 MiB");
  if (!c.map.tile_url.empty() && map_tile_origin(c.map).empty())
    return bad("map.tile_url",
               "cần dạng https://máy-chủ[:cổng]/…/{z}/{x}/{y}.png (có {z}, {x} và {y}; không "
               "dùng {s})");
  if (c.map.center_lat < -90 || c.map.center_lat > 90)
    return bad("map.center_lat", "từ -90 đến 90");
  if (c.map.center_lon < -180 || c.map.center_lon > 180)
    return bad("map.center_lon", "từ -180 đến 180");
  if (c.map.zoom < 1 || c.map.zoom > 19) return bad("map.zoom", "từ 1 đến 19");
  if (c.logging.format != "json" && c.logging.format != "text") {
    return bad("logging.format", "json hoặc text");
  }
  if (c.security.argon2_memory_kib < 8 || c.security.argon2_iterations < 1 ||
      c.security.argon2_parallelism < 1) {
    return bad("security.argon2_*", "tham số argon2 quá nhỏ");
  }
  return ok_status();
}

std::string toml_value(const Key& key, Config& c) {
  return std::visit(
      [](auto* p) -> std::string {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return fmt::format("\"{}\"", *p);
        } else if constexpr (std::is_same_v<T, bool>) {
          return *p ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < p->size(); ++i) {
            s += fmt::format("{}\"{}\"", i ? ", " : "", (*p)[i]);
          }
          return s + "]";
        } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
          return fmt::format("[{}]", fmt::join(*p, ", "));
        } else {
          return fmt::format("{}", *p);
        }
      },
      key.get(c));
}

}  // namespace

std::string map_tile_origin(const MapConfig& m) {
  const std::string& u = m.tile_url;
  // HTTPS only: pages served over HTTPS (HSTS) would not load tiles over plain HTTP.
  constexpr std::size_t scheme = std::string_view("https://").size();
  if (!u.starts_with("https://")) return "";
  std::size_t slash = u.find('/', scheme);
  if (slash == std::string::npos || slash == scheme) return "";
  std::string origin = u.substr(0, slash);
  // The origin goes into the pages' Content-Security-Policy: a host and a port, nothing that
  // could end a source or name another host (credentials, a query, a backslash).
  for (char ch : origin.substr(scheme))
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':'))
      return "";
  for (const char* part : {"{z}", "{x}", "{y}"})
    if (u.find(part) == std::string::npos) return "";
  if (u.find("{s}") != std::string::npos) return "";
  for (char ch : u)
    if (ch == ' ' || ch == '"' || ch == '\'' || ch == '<' || ch == '>' ||
        static_cast<unsigned char>(ch) < 0x21)
      return "";
  return origin;
}

Error config_error(std::string_view where, std::string_view key, std::string_view problem) {
  return Error::invalid(fmt::format("Cấu hình không hợp lệ ({}): {}: {}", where, key, problem));
}

const std::any& Config::section_any(std::string_view name) const {
  auto it = sections.find(name);
  if (it == sections.end())
    throw std::logic_error(fmt::format("configuration section [{}] is not loaded", name));
  return it->second;
}

void add_default_sections(Config& config, std::span<const ConfigSection* const> sections) {
  for (const ConfigSection* section : sections) {
    if (!config.sections.contains(section->name))
      config.sections.emplace(std::string(section->name), section->defaults());
  }
}

std::string Config::sqlite_path() const {
  std::string path = database.url.substr(std::string_view("sqlite:").size());
  if (path == ":memory:" || path.starts_with('/')) return path;
  return (std::filesystem::path(data_dir) / path).string();
}

std::string Config::audit_keys_dir() const {
  return audit.keys_dir.empty() ? (std::filesystem::path(data_dir) / "keys").string()
                                : audit.keys_dir;
}

std::string Config::audit_checkpoint_file() const {
  return audit.checkpoint_file.empty()
             ? (std::filesystem::path(data_dir) / "audit-checkpoints.jsonl").string()
             : audit.checkpoint_file;
}

Result<Config> load_config(const ConfigInputs& inputs,
                           std::span<const ConfigSection* const> sections) {
  Config c;
  std::set<std::string_view> section_names;
  for (const auto& k : core_keys()) section_names.insert(k.name.substr(0, k.name.find('.')));
  for (const ConfigSection* section : sections) {
    if (!section_names.insert(section->name).second)
      return Error::internal(
          fmt::format("configuration section [{}] is declared twice", section->name));
  }
  add_default_sections(c, sections);
  const Keys keys = all_keys(sections);
  std::vector<std::string> sources = {"defaults"};
  if (!inputs.file.empty()) {
    toml::table parsed;
    try {
      parsed = toml::parse_file(inputs.file);
    } catch (const toml::parse_error& err) {
      return Error::invalid(fmt::format("Không đọc được tệp cấu hình {} (dòng {}): {}", inputs.file,
                                        err.source().begin.line, err.description()));
    }
    TS_TRY(apply_table(c, keys, parsed, "", inputs.file));
    sources.push_back(inputs.file);
  }
  for (const auto& [name, value] : inputs.env) {
    // TINHSO_SERVER_LISTEN → server.listen; TINHSO_DATA_DIR → data_dir.
    if (!name.starts_with("TINHSO_")) continue;
    std::string lower = text::to_lower_ascii(name.substr(7));
    const Key* key = nullptr;
    for (const auto& k : keys) {
      std::string flat(k.name);
      std::replace(flat.begin(), flat.end(), '.', '_');
      if (flat == lower) key = &k;
    }
    if (key == nullptr) continue;  // other TINHSO_* variables belong to scripts and tests
    TS_TRY(set_from_string(c, *key, value, name));
    sources.push_back(name);
  }
  for (const auto& o : inputs.overrides) {
    auto eq = o.find('=');
    if (eq == std::string::npos) return config_error("--set", o, "cần dạng khóa=giá_trị");
    const Key* key = find_key(keys, text::trim(std::string_view(o).substr(0, eq)));
    if (key == nullptr) return config_error("--set", o.substr(0, eq), "khóa không tồn tại");
    TS_TRY(set_from_string(c, *key, std::string_view(o).substr(eq + 1), "--set"));
    sources.push_back("--set " + o.substr(0, eq));
  }
  TS_TRY(validate(c));
  for (const ConfigSection* section : sections) {
    if (section->validate != nullptr)
      TS_TRY(section->validate(c.sections.at(std::string(section->name))));
  }
  c.source = fmt::format("{}", fmt::join(sources, ", "));
  return c;
}

std::map<std::string, std::string> tinhso_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq == std::string_view::npos || !kv.starts_with("TINHSO_")) continue;
    env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

std::string sample_config(std::span<const ConfigSection* const> sections) {
  Config defaults;
  add_default_sections(defaults, sections);
  std::string out =
      "# tinhso configuration. Every key is optional; the values shown are the defaults.\n"
      "# Each key can also be set with an environment variable (server.listen ->\n"
      "# TINHSO_SERVER_LISTEN) or on the command line (--set server.listen=0.0.0.0:8080).\n";
  std::string section;
  for (const auto& k : all_keys(sections)) {
    std::string_view name = k.name;
    auto dot = name.find('.');
    std::string key_section = dot == std::string_view::npos ? "" : std::string(name.substr(0, dot));
    std::string_view leaf = dot == std::string_view::npos ? name : name.substr(dot + 1);
    if (key_section != section) {
      out += fmt::format("\n[{}]\n", key_section);
      section = key_section;
    } else {
      out += "\n";
    }
    out += fmt::format("# {}\n{} = {}\n", k.doc, leaf, toml_value(k, defaults));
  }
  return out;
}

}  // namespace tinhso
