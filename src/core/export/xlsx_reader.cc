#include "core/export/xlsx_reader.h"

#include <fmt/format.h>
#include <libxml/tree.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>

#include "core/base/text.h"
#include "core/xml/xml.h"

namespace tinhso::xlsx {
namespace {

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kOfficeRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRel =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::size_t kDenseFrom = 1u << 20;  // the packing ratio is checked above this size

Error not_workbook() {
  return Error(422, "xlsx.not_workbook",
               "Tệp không phải bảng tính Excel (.xlsx). Hãy tải mẫu Excel của hệ thống, điền "
               "rồi tải lên đúng tệp đó.");
}
Error malformed(std::string_view what) {
  return Error(422, "xlsx.malformed",
               fmt::format("Bảng tính bị lỗi cấu trúc ({}). Hãy mở tệp bằng Excel hoặc "
                           "LibreOffice, lưu lại rồi tải lên.",
                           what));
}
Error too_large() {
  return Error(413, "xlsx.too_large",
               "Bảng tính quá lớn khi giải nén, hoặc là tệp nén bất thường; tệp không được nhận.");
}
Error macros() {
  return Error(422, "xlsx.macros",
               "Bảng tính có macro hoặc điều khiển ActiveX; chỉ nhận tệp .xlsx không có macro.");
}
Error external_links() {
  return Error(422, "xlsx.external_links",
               "Bảng tính có liên kết tới tệp khác; hãy bỏ liên kết (chỉ giữ giá trị) rồi tải "
               "lên.");
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string attr(const xmlNode* n, const char* name, std::string_view ns = {}) {
  xmlChar* v = ns.empty() ? xmlGetProp(n, xml::xs(name))
                          : xmlGetNsProp(n, xml::xs(name), xml::xs(std::string(ns).c_str()));
  if (v == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// Excel writes characters XML cannot hold as _xHHHH_ ("_x000D_" for a carriage return).
std::string unescape(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned code = 0;
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      auto [end, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16);
      if (ec == std::errc() && end == s.data() + i + 6 && !(code >= 0xD800 && code < 0xE000)) {
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::string content(const xmlNode* n) {
  xmlChar* t = xmlNodeGetContent(n);
  std::string out = t != nullptr ? reinterpret_cast<const char*>(t) : "";
  xmlFree(t);
  return out;
}

// The text of a string item (<si>, <is>): its <t>, or the <t> of each run (<r><t>, one level:
// runs do not nest); phonetic runs aside. No recursion: a hostile file nests as deep as it likes.
std::string string_item(const xmlNode* n) {
  std::string out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (xml::is(c, kMain, "t")) {
      out += content(c);
    } else if (xml::is(c, kMain, "r")) {
      for (const xmlNode* t = c->children; t != nullptr; t = t->next)
        if (xml::is(t, kMain, "t")) out += content(t);
    }
  }
  return unescape(std::move(out));
}

// "B12" → (11, 1).
std::optional<std::pair<int64_t, int64_t>> parse_ref(std::string_view ref) {
  std::size_t i = 0;
  int64_t col = 0;
  while (i < ref.size() && i < 3 && std::isupper(static_cast<unsigned char>(ref[i])) != 0)
    col = col * 26 + (ref[i++] - 'A' + 1);
  if (i == 0 || i == ref.size()) return std::nullopt;
  int64_t row = 0;
  auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (ec != std::errc() || end != ref.data() + ref.size() || row < 1 || row > 1'048'576 ||
      col > 16'384)
    return std::nullopt;
  return std::pair{row - 1, col - 1};
}

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// The zip's entries, checked once for what is refused whatever the parts say.
class Package {
 public:
  Package(std::string_view bytes, const ReadLimits& limits) : bytes_(bytes), limits_(limits) {}

  Status open() {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &err);
    if (src == nullptr) return Error::internal("zip_source_buffer_create failed");
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    zip_error_fini(&err);
    if (z == nullptr) {
      zip_source_free(src);
      return not_workbook();
    }
    zip_.reset(z);
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n < 0) return not_workbook();
    if (static_cast<std::size_t>(n) > limits_.max_parts) return too_large();
    std::size_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
          (st.valid & ZIP_STAT_NAME) == 0 || (st.valid & ZIP_STAT_SIZE) == 0)
        return malformed("mục nén không đọc được");
      std::string name = lower(st.name);
      if (name.ends_with("vbaproject.bin") || name.find("activex") != std::string::npos ||
          name.ends_with(".xlsm") || name.ends_with("vbadata.xml"))
        return macros();
      if (name.starts_with("xl/externallinks/")) return external_links();
      if (st.size > limits_.max_part_bytes) return too_large();
      total += static_cast<std::size_t>(st.size);
      if (total > limits_.max_total_bytes) return too_large();
      if (st.size > kDenseFrom && (st.valid & ZIP_STAT_COMP_SIZE) != 0 &&
          (st.comp_size == 0 || st.size / st.comp_size > limits_.max_ratio))
        return too_large();
      entries_.emplace(st.name, static_cast<zip_uint64_t>(i));
    }
    return ok_status();
  }

  // The bytes of a part, or nullopt when there is none. Never more than the limits, whatever
  // the entry claims its size is.
  Result<std::optional<std::string>> part(const std::string& name) {
    auto it = entries_.find(name);
    if (it == entries_.end()) return std::optional<std::string>();
    std::unique_ptr<zip_file_t, ZipFileClose> f(zip_fopen_index(zip_.get(), it->second, 0));
    if (!f) return malformed("mục nén không mở được");
    std::string out;
    char buf[64 * 1024];
    while (true) {
      zip_int64_t got = zip_fread(f.get(), buf, sizeof buf);
      if (got < 0) return malformed("dữ liệu nén hỏng");
      if (got == 0) break;
      out.append(buf, static_cast<std::size_t>(got));
      read_ += static_cast<std::size_t>(got);
      if (out.size() > limits_.max_part_bytes || read_ > limits_.max_total_bytes)
        return too_large();
    }
    return std::optional(std::move(out));
  }

  Result<xml::XmlDoc> xml_part(const std::string& name, bool required) {
    TS_ASSIGN_OR_RETURN(auto bytes, part(name));
    if (!bytes) {
      if (required) return not_workbook();
      return xml::XmlDoc();
    }
    auto doc = xml::parse_untrusted(*bytes, limits_.max_part_bytes,
                                    {.code_prefix = "xlsx", .noun = "Một phần của bảng tính"});
    // Unreadable XML is the file's fault like every other structural problem here: one status,
    // naming the part (libxml2's own words stay in the log).
    if (!doc.ok() && doc.error().code() == "xlsx.malformed")
      return malformed(fmt::format("phần {} không phải XML hợp lệ", name));
    return doc;
  }

 private:
  std::string_view bytes_;
  const ReadLimits& limits_;
  std::unique_ptr<zip_t, ZipDiscard> zip_;
  std::map<std::string, zip_uint64_t> entries_;
  std::size_t read_ = 0;
};

// "worksheets/sheet1.xml" (relative to xl/) or "/xl/worksheets/sheet1.xml".
std::string part_name(std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

// What the cells of all sheets hold so far: bounded, so that one long shared string used by
// many cells cannot multiply into gigabytes.
struct Totals {
  std::size_t cells = 0, text_bytes = 0;
};

Status read_sheet(xmlDoc* doc, const std::vector<std::string>& shared, ReadSheet& sheet,
                  Totals& totals, const ReadLimits& limits) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  const xmlNode* data = xml::child(root, kMain, "sheetData");
  if (data == nullptr) return ok_status();
  int64_t row = -1;
  for (const xmlNode* r : xml::children(data, kMain, "row")) {
    std::string rn = attr(r, "r");
    int64_t parsed = 0;
    if (!rn.empty()) {
      auto [end, ec] = std::from_chars(rn.data(), rn.data() + rn.size(), parsed);
      if (ec != std::errc() || end != rn.data() + rn.size() || parsed < 1 || parsed > 1'048'576)
        return malformed("số dòng không hợp lệ");
      row = parsed - 1;
    } else {
      ++row;
    }
    int64_t col = -1;
    for (const xmlNode* c : xml::children(r, kMain, "c")) {
      std::string ref = attr(c, "r");
      if (!ref.empty()) {
        auto at = parse_ref(ref);
        if (!at || at->first != row) return malformed("địa chỉ ô không hợp lệ");
        col = at->second;
      } else if (++col > 16'383) {
        return malformed("quá số cột của một trang tính");
      }
      const xmlNode* f = xml::child(c, kMain, "f");
      const xmlNode* v = xml::child(c, kMain, "v");
      const xmlNode* is = xml::child(c, kMain, "is");
      if (f == nullptr && v == nullptr && is == nullptr) continue;  // formatting only
      if (++totals.cells > limits.max_cells) return too_large();
      ReadCell cell;
      cell.formula = f != nullptr;
      std::string type = attr(c, "t");
      std::string value = v != nullptr ? xml::text(v) : std::string();
      if (type == "s") {
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec != std::errc() || end != value.data() + value.size() || index >= shared.size())
          return malformed("chuỗi dùng chung không tồn tại");
        cell.text = shared[index];
      } else if (type == "inlineStr") {
        if (is != nullptr) cell.text = string_item(is);
      } else if (type == "str" || type == "e") {
        cell.text = unescape(value);
      } else if (type == "b") {
        cell.text = value == "1" ? "TRUE" : "FALSE";  // a truth value, never a count
      } else if (type.empty() || type == "n") {
        if (!value.empty()) {
          double d = 0;
          auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), d);
          if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(d))
            return malformed("giá trị số không hợp lệ");
          cell.number = d;
        }
      } else {
        return malformed("kiểu ô không hợp lệ");
      }
      if (!text::is_valid_utf8(cell.text)) return malformed("chữ không phải UTF-8");
      // As the header promises (found by the fuzzer: text typed decomposed came back so).
      cell.text = text::to_nfc(cell.text);
      totals.text_bytes += cell.text.size();
      if (totals.text_bytes > limits.max_text_bytes) return too_large();
      sheet.cells[{row, col}] = std::move(cell);
    }
  }
  return ok_status();
}

}  // namespace

const ReadCell* ReadSheet::at(int64_t row, int64_t column) const {
  auto it = cells.find({row, column});
  return it == cells.end() ? nullptr : &it->second;
}

const ReadSheet* Workbook::sheet(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

std::string cell_name(int64_t row, int64_t column) {
  std::string letters;
  for (int64_t n = column + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return fmt::format("{}{}", letters, row + 1);
}

Result<Workbook> read(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() < 4 || bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4))
    return not_workbook();
  Package pkg(bytes, limits);
  TS_TRY(pkg.open());

  TS_ASSIGN_OR_RETURN(auto types, pkg.part("[Content_Types].xml"));
  if (!types) return not_workbook();
  if (lower(*types).find("macroenabled") != std::string::npos) return macros();

  TS_ASSIGN_OR_RETURN(auto rels_doc, pkg.xml_part("xl/_rels/workbook.xml.rels", true));
  std::map<std::string, std::string> targets;  // relationship id → part
  for (const xmlNode* rel :
       xml::children(xmlDocGetRootElement(rels_doc.get()), kPackageRel, "Relationship")) {
    if (lower(attr(rel, "TargetMode")) == "external") return external_links();
    targets[attr(rel, "Id")] = part_name(attr(rel, "Target"));
  }

  std::vector<std::string> shared;
  TS_ASSIGN_OR_RETURN(auto sst, pkg.xml_part("xl/sharedStrings.xml", false));
  if (sst) {
    for (const xmlNode* si : xml::children(xmlDocGetRootElement(sst.get()), kMain, "si"))
      shared.push_back(string_item(si));
  }

  TS_ASSIGN_OR_RETURN(auto wb, pkg.xml_part("xl/workbook.xml", true));
  const xmlNode* root = xmlDocGetRootElement(wb.get());
  if (!xml::is(root, kMain, "workbook")) return not_workbook();
  if (xml::child(root, kMain, "externalReferences") != nullptr) return external_links();
  Workbook out;
  Totals totals;
  for (const xmlNode* s : xml::children(xml::child(root, kMain, "sheets"), kMain, "sheet")) {
    ReadSheet sheet;
    sheet.name = text::to_nfc(attr(s, "name"));
    std::string state = attr(s, "state");
    sheet.hidden = state == "hidden" || state == "veryHidden";
    auto target = targets.find(attr(s, "id", kOfficeRel));
    if (target == targets.end()) return malformed("trang tính không có nội dung");
    TS_ASSIGN_OR_RETURN(auto doc, pkg.xml_part(target->second, false));
    // A chart sheet has no cells.
    if (!doc || !xml::is(xmlDocGetRootElement(doc.get()), kMain, "worksheet")) continue;
    TS_TRY(read_sheet(doc.get(), shared, sheet, totals, limits));
    out.sheets.push_back(std::move(sheet));
  }
  if (out.sheets.empty()) return not_workbook();
  return out;
}

}  // namespace tinhso::xlsx
