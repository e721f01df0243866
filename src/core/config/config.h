// Configuration: defaults, then a TOML file, then TINHSO_* environment variables, then
// command-line overrides (`--set section.key=value` and a few named flags).
//
// Every key is declared once in config.cc with its type and documentation; unknown keys
// are rejected so that a typo in a config file is an error, not a silently ignored line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace tinhso {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  int io_threads = 0;      // 0: one per core
  int worker_threads = 0;  // 0: max(32, 8 × cores)
  int64_t header_limit_bytes = 16 * 1024;
  int64_t body_limit_bytes = 1024 * 1024;  // routes may allow more (uploads)
  int read_timeout_seconds = 30;
  int idle_timeout_seconds = 60;
  int shutdown_grace_seconds = 20;
  // Connections served in full (0: from the file-descriptor limit); a small reserve beyond
  // serves health checks only (core/http/server.h).
  int64_t max_connections = 0;
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

struct NationalPortalConfig {
  std::string sync_url;  // empty: synchronisation off
  std::string token;
  std::string system_code = "TINHSO";
};

struct OneStopConfig {
  // A dossier is "near due" when less working time than this remains.
  int warning_hours = 8;
  // Submissions from one client address per minute (online submission spam guard).
  int submissions_per_minute = 30;
  // The portal's contacts, offices, news and questions (JSON, onestop/portal_content.h);
  // empty: the demo province's.
  std::string portal_content_file;
};

// Online payment of fees through a payment gateway (onestop/payments.h): the national payment
// platform or a bank, or "demo", a built-in gateway for the demo installation.
struct PaymentConfig {
  std::string provider;     // "" (no online payment) | http | demo
  std::string gateway_url;  // where applicants are sent to pay (http)
  std::string refund_url;   // where refunds are requested (http)
  std::string merchant_id;  // our identity at the gateway
  std::string secret;       // shared HMAC-SHA-256 secret signing requests and notifications
};

struct DocumentsConfig {
  // Assignees are reminded (e-mail) when less working time than this remains.
  int reminder_hours = 8;
  // How often the reminder pass runs.
  int reminder_interval_seconds = 300;
  // Deadline for handling an incoming document when the leader sets none, in working days.
  int default_deadline_days = 10;
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

// edXML exchange of documents with agencies outside this installation (QCVN 102:2016).
struct ExchangeConfig {
  // Where other agencies are reached directly: "<agency code>=<URL>" or "<.suffix>=<URL>" (every
  // code ending so, e.g. ".H48" for a whole province), the URL being another installation's base.
  std::vector<std::string> routes;
  // The national document axis (trục liên thông văn bản quốc gia) for agencies no route names;
  // empty: none. Messages are POSTed to this URL with the system id and secret as headers.
  std::string axis_url;
  std::string axis_system_id;
  std::string axis_secret;
  // Largest edXML message accepted (attachments included, base64).
  int64_t max_message_mb = 40;
  // Certificates that sign for agencies whose certificates do not name their agency code:
  // "<agency code or .suffix>=<SHA-256 fingerprint of the certificate, hex>".
  std::vector<std::string> sender_certificates;
  // Rejected messages a sender address may cause per minute (and in a burst) before its
  // messages are refused unread for a while; 0: no limit.
  int rejected_per_minute = 20;
  // How much of a rejected message is kept for inspection (its hash and size always are).
  int64_t rejected_keep_kb = 64;
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
  NationalPortalConfig national_portal;
  PaymentConfig payment;
  OneStopConfig onestop;
  DocumentsConfig documents;
  SigningConfig signing;
  ExchangeConfig exchange;
  LoggingConfig logging;
  AuditConfig audit;
  TestingConfig testing;

  // Where the config came from, for `tinhso serve` to log.
  std::string source;
  bool is_postgres() const { return database.url.starts_with("postgres"); }
  // The SQLite file path, resolved against data_dir.
  std::string sqlite_path() const;
  std::string audit_keys_dir() const;
  std::string audit_checkpoint_file() const;
};

struct ConfigInputs {
  std::string file;                        // may be empty: no file
  std::map<std::string, std::string> env;  // TINHSO_* variables
  std::vector<std::string> overrides;      // "section.key=value"
};

Result<Config> load_config(const ConfigInputs& inputs);
// TINHSO_* variables of the current process.
std::map<std::string, std::string> tinhso_environment();
// The documented sample file (config/tinhso.sample.toml is generated from the same table).
std::string sample_config();

}  // namespace tinhso
