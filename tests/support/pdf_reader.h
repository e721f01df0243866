// Reads a PDF the way a person would: its text laid out by poppler's pdftotext, and its number
// of pages by pdfinfo (both from poppler-utils).
#pragma once

#include <string>

namespace tinhso::testing {

std::string pdf_text(const std::string& bytes);
// 0 when the bytes are not a PDF pdfinfo can read.
int pdf_pages(const std::string& bytes);

}  // namespace tinhso::testing
