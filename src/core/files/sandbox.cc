#include "core/files/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <poppler/cpp/poppler-document.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include "core/files/pdf_text.h"

namespace tinhso::files {
namespace {

// Exit codes of the child beyond 0 (done).
constexpr int kExitBadTool = 2;
constexpr int kExitNoFilter = 3;

// Sanitizer builds reserve terabytes of shadow address space at start-up, which any address
// space limit refuses; there the CPU and wall-clock budgets still hold. Their leak check at exit
// needs ptrace, which the filter refuses, so the child runs without it.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif
constexpr bool kLimitAddressSpace = !kSanitized;

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(Fd&& o) noexcept : fd(o.fd) { o.fd = -1; }
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Allows what parsing in memory needs; everything else (open, socket, connect, execve, fork,
// ptrace, …) fails with EPERM. Errors rather than a kill, so that a library probing for an
// optional file carries on without it.
bool install_filter() {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
  if (ctx == nullptr) return false;
  const int allowed[] = {
      SCMP_SYS(read),
      SCMP_SYS(write),
      SCMP_SYS(close),
      SCMP_SYS(fstat),
      SCMP_SYS(newfstatat),
      SCMP_SYS(lseek),
      SCMP_SYS(mmap),
      SCMP_SYS(munmap),
      SCMP_SYS(mremap),
      SCMP_SYS(mprotect),
      SCMP_SYS(madvise),
      SCMP_SYS(brk),
      SCMP_SYS(futex),
      SCMP_SYS(rt_sigreturn),
      SCMP_SYS(rt_sigprocmask),
      SCMP_SYS(rt_sigaction),
      SCMP_SYS(sigaltstack),
      SCMP_SYS(exit),
      SCMP_SYS(exit_group),
      SCMP_SYS(clock_gettime),
      SCMP_SYS(gettimeofday),
      SCMP_SYS(getrandom),
      SCMP_SYS(gettid),
      SCMP_SYS(getpid),
      SCMP_SYS(sched_yield),
      SCMP_SYS(sched_getaffinity),
      SCMP_SYS(prlimit64),
      SCMP_SYS(getrlimit),
      SCMP_SYS(set_robust_list),
      SCMP_SYS(rseq),
  };
  bool ok = true;
  for (int sys : allowed) ok = ok && seccomp_rule_add(ctx, SCMP_ACT_ALLOW, sys, 0) == 0;
  ok = ok && seccomp_load(ctx) == 0;
  seccomp_release(ctx);
  return ok;
}

bool read_all(int fd, std::string& out, std::size_t limit) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limit) return false;
  }
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return fmt::format("exited with code {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGXCPU) return "CPU-time budget exceeded";
    return fmt::format("killed by signal {} ({})", sig, strsignal(sig));
  }
  return "ended abnormally";
}

}  // namespace

Result<SandboxOutcome> run_sandboxed(const std::string& binary, std::string_view tool,
                                     std::string_view input, const SandboxLimits& limits) {
  int in_pipe[2], out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return Error::unavailable("sandbox: pipe failed");
  Fd in_read(in_pipe[0]), in_write(in_pipe[1]);
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return Error::unavailable("sandbox: pipe failed");
  Fd out_read(out_pipe[0]), out_write(out_pipe[1]);

  // Everything the child needs is prepared before fork(): after it, in a threaded process,
  // the child may only make async-signal-safe calls until exec.
  std::string tool_arg(tool);
  const char* argv[] = {binary.c_str(), "sandbox", tool_arg.c_str(), nullptr};
  const char* envp[] = {"LANG=C.UTF-8", kSanitized ? "ASAN_OPTIONS=detect_leaks=0" : nullptr,
                        nullptr};
  rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(limits.cpu_seconds + 1)};
  rlim_t bytes = static_cast<rlim_t>(limits.memory_mb) << 20;
  rlimit memory{bytes, bytes};
  rlimit none{0, 0};
  rlimit files{32, 32};
  pid_t parent = ::getpid();

  pid_t pid = ::fork();
  if (pid < 0) return Error::unavailable("sandbox: fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    // Standard input and output are the pipes, standard error /dev/null, nothing else open.
    if (::dup2(in_read.fd, 0) < 0 || ::dup2(out_write.fd, 1) < 0) ::_exit(127);
    ::close_range(2, ~0U, 0);
    if (::open("/dev/null", O_WRONLY) != 2) ::_exit(127);
    ::setrlimit(RLIMIT_CPU, &cpu);
    if (kLimitAddressSpace) ::setrlimit(RLIMIT_AS, &memory);
    ::setrlimit(RLIMIT_FSIZE, &none);
    ::setrlimit(RLIMIT_CORE, &none);
    ::setrlimit(RLIMIT_NOFILE, &files);
    ::execve(argv[0], const_cast<char* const*>(argv), const_cast<char* const*>(envp));
    ::_exit(127);
  }
  in_read.reset();
  out_write.reset();
  ::fcntl(in_write.fd, F_SETFL, O_NONBLOCK);
  ::fcntl(out_read.fd, F_SETFL, O_NONBLOCK);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits.wall_seconds);
  SandboxOutcome outcome;
  std::string_view pending = input;
  bool killed = false;
  std::string why;
  if (pending.empty()) in_write.reset();
  while (out_read.fd >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      why = fmt::format("wall-clock budget of {} s exceeded", limits.wall_seconds);
      killed = true;
      break;
    }
    pollfd fds[2] = {{out_read.fd, POLLIN, 0}, {in_write.fd, POLLOUT, 0}};
    int nfds = in_write.fd >= 0 ? 2 : 1;
    int r = ::poll(fds, nfds, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    if (r < 0 && errno != EINTR) break;
    if (nfds == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n =
          ::write(in_write.fd, pending.data(), std::min<std::size_t>(pending.size(), 1 << 16));
      if (n > 0) pending.remove_prefix(static_cast<std::size_t>(n));
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || pending.empty()) in_write.reset();
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buf[65536];
      ssize_t n = ::read(out_read.fd, buf, sizeof buf);
      if (n > 0) {
        outcome.output.append(buf, static_cast<std::size_t>(n));
        if (outcome.output.size() > limits.max_output) {
          why = "output budget exceeded";
          killed = true;
          break;
        }
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        out_read.reset();
      }
    }
  }
  if (killed) ::kill(pid, SIGKILL);
  in_write.reset();
  out_read.reset();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (killed) {
    outcome.kind = SandboxOutcome::Kind::kOverrun;
    outcome.output.clear();
    outcome.detail = why;
    return outcome;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return outcome;
  if (WIFEXITED(status) && (WEXITSTATUS(status) == kExitNoFilter ||
                            WEXITSTATUS(status) == kExitBadTool || WEXITSTATUS(status) == 127))
    return Error::unavailable("sandbox could not start its tool: " + describe_status(status));
  outcome.kind = SandboxOutcome::Kind::kOverrun;
  outcome.output.clear();
  outcome.detail = describe_status(status);
  return outcome;
}

// `tinhso sandbox check`: whether the filter holds on this kernel — opening a file, a socket
// and starting a program must each be refused. Prints one word per attempt.
int self_check() {
  if (!install_filter()) return kExitNoFilter;
  int fd = ::open("/etc/hostname", O_RDONLY);
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  const char* argv[] = {"/bin/true", nullptr};
  int exec = ::execve(argv[0], const_cast<char* const*>(argv), nullptr);
  // Plain concatenation: under the undefined-behaviour sanitizer, fmt's virtual calls need type
  // information the filter no longer lets the runtime read.
  auto word = [](bool refused) { return std::string(refused ? "refused" : "allowed"); };
  std::string out =
      "open:" + word(fd < 0) + " socket:" + word(sock < 0) + " exec:" + word(exec < 0) + "\n";
  return write_all(1, out) ? 0 : 1;
}

int sandbox_main(std::string_view tool) {
  if (tool == "check") return self_check();
  if (tool != "pdf-text") return kExitBadTool;
  std::string input;
  if (!read_all(0, input, std::size_t{1} << 30)) return 1;
  // Poppler reads its global settings (encodings, character maps) when its first document
  // opens and drops them with its last one, and the C library loads its character-set
  // converters on first use: keep a document open and read one page's text while files are
  // still within reach.
  static const char kWarmUp[] =
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
      "/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 50]/Contents 4 0 R"
      "/Resources<</Font<</F 5 0 R>>>>>>endobj\n4 0 obj<</Length 30>>stream\nBT /F 9 Tf 5 20 Td "
      "(a) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
      "endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  std::unique_ptr<poppler::document> settings(
      poppler::document::load_from_raw_data(kWarmUp, sizeof kWarmUp - 1));
  (void)pdf_text(std::string_view(kWarmUp, sizeof kWarmUp - 1));
  if (!install_filter()) return kExitNoFilter;
  std::string text = pdf_text(input);
  return write_all(1, text) ? 0 : 1;
}

}  // namespace tinhso::files
