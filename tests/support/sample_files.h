// Small files the tests upload: a valid, empty PDF (the server sniffs the type) and one with
// text on its page.
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

namespace tinhso::testing {

inline const std::string kSamplePdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count "
    "0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

// A one-page PDF whose page carries text (Helvetica, ASCII): "Bao cao khoangsan Tamsoat 9137".
// No cross-reference table: readers rebuild it, as they do for many real files.
inline const std::string kTextPdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    "/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 144]/Contents 4 0 R"
    "/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length 62>>stream\nBT /F1 14 Tf 10 "
    "100 Td (Bao cao khoangsan Tamsoat 9137) Tj ET\nendstream endobj\n5 0 obj<</Type/Font"
    "/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

// A decompression-bomb-like PDF of about 2 KB: a page draws form XObject 1, which draws
// form 2 `fanout` times, …, and the last form shows text `fanout` times, so a text extractor
// meets fanout^levels strings. At fanout 20 and 5 levels a parser works for minutes.
inline std::string pdf_bomb(int levels = 5, int fanout = 20) {
  std::string objects;
  std::vector<std::size_t> offsets;
  std::string out = "%PDF-1.4\n";
  auto add = [&](const std::string& body) {
    offsets.push_back(out.size());
    out += fmt::format("{} 0 obj{}endobj\n", offsets.size(), body);
  };
  int first_form = 5, font = first_form + levels;
  add("<</Type/Catalog/Pages 2 0 R>>");
  add("<</Type/Pages/Kids[3 0 R]/Count 1>>");
  add(
      fmt::format("<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 400]/Contents 4 0 R/Resources"
                  "<</XObject<</X {} 0 R>>>>>>",
                  first_form));
  add("<</Length 6>>stream\n/X Do\nendstream ");
  for (int level = 0; level < levels; ++level) {
    bool last = level == levels - 1;
    std::string content;
    for (int i = 0; i < fanout; ++i) content += last ? "BT /F 1 Tf (ab) Tj ET\n" : "q /X Do Q\n";
    std::string resources = last ? fmt::format("/Font<</F {} 0 R>>", font)
                                 : fmt::format("/XObject<</X {} 0 R>>", first_form + level + 1);
    add(
        fmt::format("<</Type/XObject/Subtype/Form/BBox[0 0 400 400]/Resources<<{}>>/Length {}>>"
                    "stream\n{}endstream ",
                    resources, content.size(), content));
  }
  add("<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>");
  std::size_t xref = out.size();
  out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", offsets.size() + 1);
  for (std::size_t o : offsets) out += fmt::format("{:010} 00000 n \n", o);
  out += fmt::format("trailer<</Size {}/Root 1 0 R>>\nstartxref\n{}\n%%EOF\n", offsets.size() + 1,
                     xref);
  return out;
}

}  // namespace tinhso::testing
