// Uploads scanned by a real ClamAV daemon (Debian's clamd) with a signature database of our own
// (no download): a clean paper is stored, an infected one refused with a clear error, and when
// clamd is down uploads fail rather than skip the scan.
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "integration/server_fixture.h"

extern char** environ;  // NOLINT: POSIX

namespace tinhso::testing {
namespace {

constexpr const char* kMarker = "TINHSO-TEST-MALWARE-MARKER-7f3a";

std::string hex(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += fmt::format("{:02x}", c);
  return out;
}

class Clamd {
 public:
  Clamd()
      : dir_(std::filesystem::temp_directory_path() / fmt::format("tinhso-clamd-{}", ::getpid())) {
    std::filesystem::create_directories(dir_ / "db");
    // An extended signature: our marker anywhere in any file.
    std::ofstream(dir_ / "db" / "tinhso-test.ndb")
        << "Tinhso.Test.Marker:0:*:" << hex(kMarker) << "\n";
    socket_ = (dir_ / "clamd.sock").string();
    std::ofstream(dir_ / "clamd.conf")
        << "Foreground yes\nLocalSocket " << socket_ << "\nDatabaseDirectory "
        << (dir_ / "db").string() << "\nLogFile " << (dir_ / "clamd.log").string()
        << "\nTemporaryDirectory " << dir_.string() << "\nUser root\n";
    std::string conf = "--config-file=" + (dir_ / "clamd.conf").string();
    std::vector<std::string> args = {"/usr/sbin/clamd", conf};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = 0;
    for (int i = 0; i < 300 && !up(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~Clamd() {
    stop();
    std::filesystem::remove_all(dir_);
  }
  bool up() const {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, socket_.c_str(), sizeof(a.sun_path) - 1);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
  }
  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = 0;
    }
  }
  const std::string& socket() const { return socket_; }
  std::string log() const {
    std::ifstream in(dir_ / "clamd.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::filesystem::path dir_;
  std::string socket_;
  pid_t pid_ = 0;
};

TEST(VirusScan, CleanPapersPassInfectedOnesAreRefusedAndAnAbsentScannerFailsClosed) {
  if (!std::filesystem::exists("/usr/sbin/clamd"))
    GTEST_SKIP() << "clamd not installed (scripts/setup)";
  Clamd clamd;
  ASSERT_TRUE(clamd.up()) << clamd.log();
  ServerOptions o;
  o.demo_dossiers = 0;
  o.settings = {"files.clamd=" + clamd.socket()};
  ServerProcess server(o);
  HttpClient c(server.port());
  ASSERT_EQ(c.login("0912345678", kDemoPassword, "applicant").status, 200);
  const std::string clean = "%PDF-1.4\n% giấy tờ sạch\n%%EOF\n";
  auto ok = c.request("POST", "/api/v1/files?name=sach.pdf", clean,
                      {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  auto infected = c.request("POST", "/api/v1/files?name=nhiem.pdf",
                            std::string("%PDF-1.4\n") + kMarker + "\n%%EOF\n",
                            {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(infected.status, 422) << infected.body;
  EXPECT_EQ(infected.error_code(), "file.infected");
  EXPECT_NE(infected.body.find("Tinhso.Test.Marker"), std::string::npos);
  clamd.stop();
  auto unscanned = c.request("POST", "/api/v1/files?name=sach2.pdf", clean,
                             {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(unscanned.status, 503) << unscanned.body;
}

}  // namespace
}  // namespace tinhso::testing
