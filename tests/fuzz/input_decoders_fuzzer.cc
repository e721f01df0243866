// Fuzzes the decoders of person- and machine-supplied text, and of records read back from the
// database (a damaged disk can corrupt them). The first byte picks the decoder; each checks an
// invariant, not just "no crash".
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/base/compress.h"
#include "core/base/csv.h"
#include "core/base/json.h"
#include "core/base/text.h"
#include "core/base/time.h"
#include "core/identity/agency_code.h"

using namespace tinhso;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 7) {
    case 0: {
      auto v = json::parse(in);
      if (v.ok()) {
        // What we serialise is valid JSON again (doubles may round differently, so values are
        // not compared).
        if (!json::parse(boost::json::serialize(*v)).ok()) __builtin_trap();
        json::FieldReader r(*v);
        r.optional_string("a");
        r.optional_int("b", -10, 10);
        r.optional_array("c");
        (void)r.finish();
      }
      break;
    }
    case 1: {
      auto rows = csv::parse(in);
      if (rows.ok()) {
        csv::Writer w(false);
        for (const auto& row : *rows) w.row(row);
        auto again = csv::parse(w.str());
        if (!again.ok()) __builtin_trap();
      }
      break;
    }
    case 2: {
      auto t = parse_rfc3339(in);
      if (t.ok() && to_millis(*t) > -62135596800000 && to_millis(*t) < 253402300799000) {
        // Formatting then parsing keeps the instant (to the second).
        auto back = parse_rfc3339(format_rfc3339(*t));
        if (!back.ok() || std::llabs(to_millis(*back) - to_millis(*t)) >= 1000) __builtin_trap();
      }
      (void)parse_iso_date(in);
      break;
    }
    case 3: {
      std::string f = text::fold(in);
      if (text::fold(f) != f) __builtin_trap();  // idempotent
      if (!text::is_valid_utf8(f)) __builtin_trap();
      break;
    }
    case 4: {
      if (text::is_valid_utf8(in)) {
        std::string n = text::to_nfc(in);
        if (!text::is_nfc(n) || text::to_nfc(n) != n) __builtin_trap();
      }
      break;
    }
    case 5: {
      auto c = identity::parse_agency_code(in);
      if (c && c->str() != in) __builtin_trap();
      break;
    }
    case 6: {
      // What inflates deflates and inflates back to the same bytes.
      static const compress::Dictionary dict(R"({"status":"in_progress","timeline":[]})");
      auto out = compress::inflate_with(in, dict, 1 << 20);
      if (out.ok()) {
        auto again = compress::inflate_with(compress::deflate_with(*out, dict), dict, 1 << 20);
        if (!again.ok() || *again != *out) __builtin_trap();
      }
      break;
    }
  }
  return 0;
}
