// The sandbox that parses untrusted documents: text comes back; a PDF bomb is stopped by the
// CPU budget in seconds and reported as an overrun (the input's fault), not an error; the
// child can open no file, socket or program.
#include "core/files/sandbox.h"

#include <gtest/gtest.h>

#include <chrono>

#include "support/sample_files.h"

namespace tinhso::files {
namespace {

TEST(SandboxTest, ReadsAPdfsTextInAChildProcess) {
  auto r = run_sandboxed(TINHSO_BINARY, "pdf-text", testing::kTextPdf, SandboxLimits{});
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->kind, SandboxOutcome::Kind::kDone) << r->detail;
  EXPECT_NE(r->output.find("khoangsan Tamsoat 9137"), std::string::npos) << r->output;
}

TEST(SandboxTest, APdfBombIsStoppedByTheCpuBudget) {
  std::string bomb = testing::pdf_bomb();
  EXPECT_LT(bomb.size(), 3000u);
  SandboxLimits limits;
  limits.cpu_seconds = 2;
  limits.wall_seconds = 20;
  auto start = std::chrono::steady_clock::now();
  auto r = run_sandboxed(TINHSO_BINARY, "pdf-text", bomb, limits);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->kind, SandboxOutcome::Kind::kOverrun);
  EXPECT_TRUE(r->output.empty());
  EXPECT_LT(took, std::chrono::seconds(8)) << r->detail;
}

TEST(SandboxTest, TheWallClockBudgetEndsAChildThatTakesTooLong) {
  SandboxLimits limits;
  limits.cpu_seconds = 100;
  limits.wall_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  auto r = run_sandboxed(TINHSO_BINARY, "pdf-text", testing::pdf_bomb(), limits);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->kind, SandboxOutcome::Kind::kOverrun);
  EXPECT_NE(r->detail.find("wall-clock"), std::string::npos) << r->detail;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

TEST(SandboxTest, TheChildCanOpenNoFileSocketOrProgram) {
  auto r = run_sandboxed(TINHSO_BINARY, "check", "", SandboxLimits{});
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->output, "open:refused socket:refused exec:refused\n");
}

TEST(SandboxTest, AnUnknownToolOrMissingBinaryIsAnError) {
  EXPECT_FALSE(run_sandboxed(TINHSO_BINARY, "no-such-tool", "", SandboxLimits{}).ok());
  EXPECT_FALSE(run_sandboxed("/nonexistent/tinhso", "pdf-text", "", SandboxLimits{}).ok());
}

}  // namespace
}  // namespace tinhso::files
