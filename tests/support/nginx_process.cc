#include "support/nginx_process.h"

#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/http_client.h"
#include "support/server_process.h"

extern char** environ;

namespace tinhso::testing {

NginxProcess::NginxProcess(const std::vector<int>& node_ports) {
  port_ = ServerProcess::free_port();
  std::string servers;
  for (int p : node_ports)
    servers += fmt::format("    server 127.0.0.1:{} max_fails=1 fail_timeout=2s;\n", p);
  const std::string& d = dir_.path();
  std::ofstream(d + "/nginx.conf") << fmt::format(
      R"(# Run in the foreground by the test; as root, workers stay root to use the test's directory.
{user}
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {d}; proxy_temp_path {d}; fastcgi_temp_path {d};
  uwsgi_temp_path {d}; scgi_temp_path {d};
  upstream tinhso {{
{servers}    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://tinhso;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }}
  }}
}}
)",
      fmt::arg("user", geteuid() == 0 ? "user root;" : ""), fmt::arg("d", d),
      fmt::arg("servers", servers), fmt::arg("port", port_));
  std::vector<std::string> argv = {
      "/usr/sbin/nginx", "-p", d, "-e", d + "/error.log", "-c", d + "/nginx.conf", "-g",
      "daemon off;"};
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  if (posix_spawn(&pid_, args[0], nullptr, nullptr, args.data(), environ) != 0)
    throw std::runtime_error("cannot start nginx (scripts/setup installs it)");
  for (int i = 0; i < 100; ++i) {
    HttpConnection c(port_);
    if (c.connected()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("nginx did not start: " + error_log());
}

NginxProcess::~NginxProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGQUIT);
  waitpid(pid_, nullptr, 0);
}

std::string NginxProcess::error_log() const {
  std::ifstream f(dir_.path() + "/error.log");
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace tinhso::testing
