// Configuration: defaults, then a TOML file, then TINHSO_* environment variables, then
// command-line overrides (`--set section.key=value` and a few named flags).
//
// Every key is declared once with its type and documentation — core's in config.cc, a
// module's in its own config section (section.h); unknown keys are rejected so that a typo in
// a config file is an error, not a silently ignored line.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/section.h"

namespace tinhso {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  int io_threads = 0;      // 0: one per core
  int worker_threads = 0;  // 0: max(32, 8 × cores)
  int64_t header_limit_bytes = 16 * 1024;
  int64_t body_limit_bytes = 1024 * 1024;  // routes may allow more (uploads)
  int read_timeout_seconds = 30;
  // What a request may spend waiting on the database (a pooled connection, answers): a hung
  // database costs a request this, then 503, instead of the statement timeout.
  int request_deadline_seconds = 15;
  int idle_timeout_seconds = 60;
  int shutdown_grace_seconds = 20;
  // Connections served in full (0: from the file-descriptor limit); a small reserve beyond
  // serves health checks only (core/http/server.h).
  int64_t max_connections = 0;
  // glibc's malloc arenas (app/allocator.h); 0: glibc's default (8 per core). 2 keeps what large
  // requests freed reusable instead of stranded in one arena per thread, at some cost to
  // concurrent writes (docs/operations.md).
  int malloc_arenas = 0;
  std::string web_root = "web/dist";
  // The URL people reach tinhso at. An https:// URL turns on Secure cookies and HSTS
  // (TLS is terminated by the reverse proxy in front of tinhso; see docs/operations.md).
  std::string public_url = "http://127.0.0.1:8080";
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For is believed
};

struct DatabaseConfig {
  // "sqlite:<path>" (relative to data.dir unless absolute) or "postgresql://…".
  std::string url = "sqlite:tinhso.db";
  int pool_size = 16;        // PostgreSQL connections
  int sqlite_readers = 0;    // 0: io + worker threads
  int sqlite_cache_mb = 64;  // page cache of all SQLite connections together
  int group_commit_max_batch = 256;
  int busy_timeout_ms = 5000;
  int statement_timeout_ms = 30000;
  // /readyz answers 503 ("storage": "full") when data_dir's file system has less free.
  int min_free_disk_mb = 256;
};

struct SecurityConfig {
  int session_idle_minutes = 12 * 60;
  int session_absolute_hours = 7 * 24;
  int session_cache_seconds = 20;  // how long a node trusts its cached copy of a session
  // Failed logins earn waits, not locks (core/identity/login_throttle.h); only this many
  // failures in a row, from anywhere, lock an account for login_lockout_minutes.
  int login_max_failures = 100;
  int login_lockout_minutes = 15;
  int login_client_delay_after = 3;    // failures by one client on one account before waits
  int login_account_delay_after = 10;  // failures on one account from anywhere before waits
  int login_max_delay_seconds = 60;
  int argon2_memory_kib = 19 * 1024;
  int argon2_iterations = 2;
  int argon2_parallelism = 1;
  double rate_limit_per_second = 50;  // per client address; 0 disables
  int rate_limit_burst = 200;
  int login_attempts_per_minute = 20;  // per client address
};

struct CalendarConfig {
  // Weekly working time (ISO weekdays, 1 = Monday) and daily periods, local time.
  std::vector<int64_t> work_days = {1, 2, 3, 4, 5};
  std::vector<std::string> work_periods = {"07:00-11:30", "13:30-17:00"};
  // "HH:MM": dossiers received after it start counting on the next working day. Empty: off.
  std::string afternoon_cutoff;
};

struct FilesConfig {
  int64_t max_file_bytes = 20 * 1024 * 1024;
  // "host:port" or a unix socket path of clamd; empty: no virus scan.
  std::string clamd;
  // Budgets of the sandbox that reads a PDF's text (core/files/sandbox.h).
  int text_cpu_seconds = 10;
  int64_t text_memory_mb = 512;
  int text_wall_seconds = 30;
};

struct NotifyConfig {
  std::string smtp_url;  // smtp://host:port (empty: no e-mail)
  std::string smtp_from = "Cổng dịch vụ công <khong-tra-loi@localhost>";
  std::string smtp_user;
  std::string smtp_password;
  std::string sms_webhook_url;  // POST JSON (docs/notifications.md); empty: no SMS
  std::string sms_webhook_token;
  int max_attempts = 12;
  int retry_base_seconds = 30;  // first retry after this, doubling up to an hour
};

struct SigningConfig {
  // PKCS#12 keys: <agency code>.p12 for agencies, <username>.p12 for people. Empty: documents
  // are approved and issued without digital signatures.
  std::string keys_dir;
  std::string key_password;
  // PEM files: trusted root (and intermediate) certificates, and their revocation lists.
  std::string trust_roots;
  std::string crls;
};

struct LoggingConfig {
  std::string level = "info";
  std::string format = "json";  // json | text
  std::string file;             // empty: standard error
  bool access_log = true;
};

// The audit log's keys and signed checkpoints (core/audit/keys.h, checkpoints.h).
struct AuditConfig {
  std::string keys_dir;         // empty: <data_dir>/keys
  int checkpoint_minutes = 10;  // 0: no checkpoints
  std::string checkpoint_file;  // empty: <data_dir>/audit-checkpoints.jsonl
  bool checkpoint_syslog = true;
};

// The map on the screens that take or show a place (a feedback item's location). Off unless the
// province names a tile server of its own choosing: tinhso makes no outside calls by default.
struct MapConfig {
  std::string tile_url;     // "https://ban-do.example.gov.vn/{z}/{x}/{y}.png"; empty: no map
  std::string attribution;  // shown on the map, as the tiles' licence requires
  double center_lat = 0;    // where a map opens before a place is chosen
  double center_lon = 0;
  int zoom = 13;
};

struct TestingConfig {
  bool clock_control = false;  // POST /api/v1/testing/clock; refused unless listening on loopback
};

struct Config {
  std::string data_dir = "data";
  ServerConfig server;
  DatabaseConfig database;
  SecurityConfig security;
  CalendarConfig calendar;
  FilesConfig files;
  NotifyConfig notify;
  SigningConfig signing;
  LoggingConfig logging;
  AuditConfig audit;
  MapConfig map;
  TestingConfig testing;

  // Modules' sections by name ([onestop], [exchange], …), each holding the struct its module
  // declared (core/config/section.h). load_config and App::open add the defaults of any missing.
  std::map<std::string, std::any, std::less<>> sections;
  // The section whose struct is T, found by T::kSection; absent is a programming error.
  template <class T>
  const T& section() const {
    return std::any_cast<const T&>(section_any(T::kSection));
  }
  template <class T>
  T& section() {
    return std::any_cast<T&>(const_cast<std::any&>(section_any(T::kSection)));
  }

  // Where the config came from, for `tinhso serve` to log.
  std::string source;
  bool is_postgres() const { return database.url.starts_with("postgres"); }
  // The SQLite file path, resolved against data_dir.
  std::string sqlite_path() const;
  std::string audit_keys_dir() const;
  std::string audit_checkpoint_file() const;

 private:
  const std::any& section_any(std::string_view name) const;
};

// "https://host[:port]" of the map's tile URL, for the pages' Content-Security-Policy; empty when
// there is no map or the URL is not one (validate() refuses such a URL).
std::string map_tile_origin(const MapConfig& m);

struct ConfigInputs {
  std::string file;                        // may be empty: no file
  std::map<std::string, std::string> env;  // TINHSO_* variables
  std::vector<std::string> overrides;      // "section.key=value"
};

// Core's keys and those of `sections` (the modules'); an error for an unknown key, a wrong type
// or a value that fails validation.
Result<Config> load_config(const ConfigInputs& inputs,
                           std::span<const ConfigSection* const> sections = {});
// Adds the defaults of each of `sections` that `config` lacks.
void add_default_sections(Config& config, std::span<const ConfigSection* const> sections);
// TINHSO_* variables of the current process.
std::map<std::string, std::string> tinhso_environment();
// The documented sample file (config/tinhso.sample.toml is generated from the same table).
std::string sample_config(std::span<const ConfigSection* const> sections = {});

}  // namespace tinhso
