// Parsing of untrusted documents (a PDF's text today) in a child process with hard budgets:
// CPU time, address space and wall-clock time, no files to write, and — once its input is read
// — a system-call filter (seccomp) that refuses opening files, sockets and new programs. A
// crafted 2 KB PDF can make a parser loop for minutes or eat gigabytes; in the child it only
// ends the child.
//
// The child is this same binary started as `tinhso sandbox <tool>`: it reads the input on
// standard input and writes its answer on standard output. main() dispatches there before
// anything else is initialised.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::files {

struct SandboxLimits {
  int cpu_seconds = 10;
  int64_t memory_mb = 512;  // address space of the child
  int wall_seconds = 30;    // then the child is killed
  std::size_t max_output = 4 << 20;
};

struct SandboxOutcome {
  enum class Kind {
    kDone,     // the tool finished; `output` is its answer
    kOverrun,  // a budget was exceeded, or the parser crashed: the input is to blame
  } kind = Kind::kDone;
  std::string output;
  std::string detail;  // why, for the log
};

// Runs `tool` of `binary` on `input`. An error means the sandbox itself could not run (no
// process could be started): the caller may try again later.
Result<SandboxOutcome> run_sandboxed(const std::string& binary, std::string_view tool,
                                     std::string_view input, const SandboxLimits& limits);

// The child's side: `tinhso sandbox <tool>`. Returns the process exit code.
int sandbox_main(std::string_view tool);

// The running executable, also after it was replaced on disk by an upgrade.
inline constexpr const char* kSelfExecutable = "/proc/self/exe";

}  // namespace tinhso::files
