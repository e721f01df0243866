// The text of text-based PDFs for search: found on the page, nothing from an empty or broken
// file, bounded in size.
#include "core/files/pdf_text.h"

#include <gtest/gtest.h>

#include "support/sample_files.h"

namespace tinhso::files {
namespace {

TEST(PdfTextTest, ReadsTheTextOfAPage) {
  std::string text = pdf_text(testing::kTextPdf);
  EXPECT_NE(text.find("khoangsan Tamsoat 9137"), std::string::npos) << text;
}

TEST(PdfTextTest, EmptyBrokenOrHugeInputGivesLittleOrNothing) {
  EXPECT_EQ(pdf_text(testing::kSamplePdf), "");  // no pages
  EXPECT_EQ(pdf_text("%PDF-1.4 garbage"), "");
  EXPECT_EQ(pdf_text(""), "");
  EXPECT_LE(pdf_text(testing::kTextPdf, 100, 8).size(), 8u);
}

}  // namespace
}  // namespace tinhso::files
