// Small files the tests upload: a valid, empty PDF (the server sniffs the type).
#pragma once

#include <string>

namespace tinhso::testing {

inline const std::string kSamplePdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count "
    "0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

}  // namespace tinhso::testing
