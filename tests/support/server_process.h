// Runs the real `tinhso` binary for integration tests: a fresh data directory (SQLite) or a
// fresh PostgreSQL database, the demo province loaded, `tinhso serve` on a free loopback port.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "support/test_db.h"

namespace tinhso::testing {

struct ServerOptions {
  std::string engine = "sqlite";
  bool demo = true;
  int demo_dossiers = 300;  // fewer than the interactive demo: tests start faster
  // Extra --set key=value; those only a serving node reads (server_process.cc) are left out of
  // the demo's build, so that servers differing in them share one demo.
  std::vector<std::string> settings;
  std::vector<std::string> demo_args;  // extra arguments of `tinhso demo` (--province H48)
  std::string listen = "127.0.0.1:0";  // a fixed port when peers must know it in advance
  // Another node of an existing installation: its database (no demo is loaded) and the data
  // directory holding its keys.
  std::string database_url;
  std::string keys_of;
};

// Runs a program (argv[0] a path) with stdout and stderr to `output_file`; its exit status.
int run_and_wait(const std::vector<std::string>& argv, const std::string& output_file);

class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options);
  ~ServerProcess();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& database_url() const { return database_url_; }
  const std::string& data_dir() const { return dir_.path(); }
  // Sends SIGTERM and waits; returns the exit status (or -1 on timeout, after SIGKILL).
  int terminate(int timeout_ms = 30000);
  // kill -9: what a crash or a power cut does to the process (the database stays).
  void kill_hard();
  // Runs another tinhso subcommand against the same database; returns exit code, captures output.
  int run_cli(const std::vector<std::string>& args, std::string* output = nullptr) const;
  std::string log() const;
  // A loopback port free right now (for servers that must know each other's port).
  static int free_port();

 private:
  std::vector<std::string> base_args(const std::string& dir, const std::string& database_url,
                                     bool for_demo = false) const;
  ServerOptions options_;
  TempDir dir_;
  std::unique_ptr<PgScratchDatabase> pg_;
  std::string database_url_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace tinhso::testing
