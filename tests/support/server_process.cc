#include "support/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "support/installation_cache.h"

extern char** environ;

namespace tinhso::testing {

int run_and_wait(const std::vector<std::string>& argv, const std::string& output_file) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// Settings read only by a serving node — limits, peers' addresses, content files — so a demo
// built without them is the same demo, and servers differing only in these share one.
bool serve_only(std::string_view setting) {
  static constexpr std::string_view kServeOnly[] = {"security.",
                                                    "server.",
                                                    "notify.",
                                                    "national_portal.",
                                                    "payment.",
                                                    "testing.",
                                                    "exchange.routes=",
                                                    "feedback.per_sender",
                                                    "reporting.national",
                                                    "files.clamd=",
                                                    "files.text_",
                                                    "onestop.portal_content_file=",
                                                    "onestop.submissions_per_minute=",
                                                    "database.min_free_disk_mb=",
                                                    "audit.checkpoint_"};
  for (auto prefix : kServeOnly)
    if (setting.starts_with(prefix)) return true;
  return false;
}

}  // namespace

std::vector<std::string> ServerProcess::base_args(const std::string& dir,
                                                  const std::string& database_url,
                                                  bool for_demo) const {
  std::vector<std::string> a = {
      TINHSO_BINARY, "--data-dir", dir, "--database", database_url,
      // Fast password hashing: the tests log in hundreds of times.
      "--set", "security.argon2_memory_kib=64", "--set", "security.argon2_iterations=1", "--set",
      "security.rate_limit_per_second=0", "--set", "security.login_attempts_per_minute=100000",
      "--set", "logging.format=text", "--set", "testing.clock_control=true"};
  for (const auto& s : options_.settings) {
    if (for_demo && serve_only(s)) continue;
    a.push_back("--set");
    a.push_back(s);
  }
  return a;
}

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  if (!options_.database_url.empty()) {
    database_url_ = options_.database_url;
    options_.demo = false;
    options_.settings.push_back("audit.keys_dir=" + options_.keys_of + "/keys");
  } else if (options_.demo) {
    // Servers asking for the same demo (engine, size, arguments, the settings it is built with)
    // start on copies of one built the first time.
    std::string key = std::string(TINHSO_BINARY) + "\n" + std::to_string(options_.demo_dossiers);
    for (const auto& a : options_.demo_args) key += "\n" + a;
    for (const auto& s : options_.settings)
      if (!serve_only(s)) key += "\n--set " + s;
    std::string failure;
    auto url = copy_installation(
        key, options_.engine, dir_.path(), "tinhso.db", pg_, [&](const Installation& at) {
          auto args = base_args(at.dir, at.database_url, /*for_demo=*/true);
          args.insert(args.end(), {"demo", "--dossiers", std::to_string(options_.demo_dossiers)});
          args.insert(args.end(), options_.demo_args.begin(), options_.demo_args.end());
          if (run_and_wait(args, at.dir + "/demo.log") == 0) return true;
          failure = slurp(at.dir + "/demo.log");
          return false;
        });
    if (!url) throw std::runtime_error("tinhso demo failed: " + failure);
    database_url_ = *url;
  } else if (options_.engine == "postgres") {
    pg_ = std::make_unique<PgScratchDatabase>();
    database_url_ = pg_->url();
  } else {
    database_url_ = "sqlite:" + dir_.path() + "/tinhso.db";
  }
  auto args = base_args(dir_.path(), database_url_);
  args.insert(args.end(), {"serve", "--listen", options_.listen, "--web-root",
                           std::string(TINHSO_SOURCE_DIR) + "/web/dist"});
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  std::string log = dir_.path() + "/server.log";
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start tinhso serve");
  }
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  // Wait for "tinhso: listening on port N".
  std::string seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[512];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<std::size_t>(n));
    auto pos = seen.find("listening on port ");
    if (pos != std::string::npos && seen.find('\n', pos) != std::string::npos) {
      std::from_chars(seen.data() + pos + 18, seen.data() + seen.size(), port_);
    }
  }
  close(out[0]);
  if (port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("tinhso serve did not start: " + slurp(log));
  }
}

ServerProcess::~ServerProcess() {
  terminate();
  // A transaction begun inside another holds one pooled PostgreSQL connection while waiting
  // for a second; under load that exhausts the pool. The server warns; every test fails on it.
  std::string log = slurp(dir_.path() + "/server.log");
  auto at = log.find("nested transaction");
  if (at != std::string::npos) {
    ADD_FAILURE() << "the server began a transaction inside another: "
                  << log.substr(log.rfind('\n', at) + 1, 200);
  }
}

int ServerProcess::free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("no free port");
  close(fd);
  return ntohs(addr.sin_port);
}

int ServerProcess::terminate(int timeout_ms) {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int ServerProcess::run_cli(const std::vector<std::string>& args, std::string* output) const {
  auto all = base_args(dir_.path(), database_url_);
  all.insert(all.end(), args.begin(), args.end());
  std::string out = dir_.path() + "/cli.log";
  int rc = run_and_wait(all, out);
  if (output != nullptr) *output = slurp(out);
  return rc;
}

std::string ServerProcess::log() const {
  return slurp(dir_.path() + "/server.log");
}

}  // namespace tinhso::testing
