#include "support/pdf_reader.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace tinhso::testing {
namespace {

// Runs `tool` on the bytes written to a temporary file; returns its standard output.
std::string run_on_pdf(const std::string& bytes, const char* tool) {
  char path[] = "/tmp/tinhso-pdf-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return "";
  bool written = write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  close(fd);
  std::string out;
  if (written) {
    std::string cmd = fmt::format(fmt::runtime(tool), path);
    if (FILE* p = popen(cmd.c_str(), "r")) {
      char buf[4096];
      std::size_t n;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
      pclose(p);
    }
  }
  unlink(path);
  return out;
}

}  // namespace

std::string pdf_text(const std::string& bytes) {
  return run_on_pdf(bytes, "pdftotext -layout {} - 2>/dev/null");
}

int pdf_pages(const std::string& bytes) {
  std::string info = run_on_pdf(bytes, "pdfinfo {} 2>/dev/null");
  auto at = info.find("Pages:");
  if (at == std::string::npos) return 0;
  return std::atoi(info.c_str() + at + 6);
}

}  // namespace tinhso::testing
