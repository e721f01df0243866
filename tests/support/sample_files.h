// Small files the tests upload: a valid, empty PDF (the server sniffs the type) and one with
// text on its page.
#pragma once

#include <string>

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

}  // namespace tinhso::testing
