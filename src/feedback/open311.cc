#include "feedback/open311.h"

#include <fmt/format.h>
#include <libxml/xmlwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>

#include "core/base/text.h"
#include "core/base/time.h"

namespace tinhso::feedback::open311 {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// The specification's group tags: an array named on the left holds elements named on the right.
std::string_view item_name(std::string_view group) {
  static constexpr std::pair<std::string_view, std::string_view> kGroups[] = {
      {"services", "service"},     {"service_requests", "request"},
      {"attributes", "attribute"}, {"values", "value"},
      {"errors", "error"},         {"endpoints", "endpoint"},
      {"formats", "format"}};
  for (const auto& [g, item] : kGroups)
    if (g == group) return item;
  return "item";
}

// `s` without what XML 1.0 cannot hold (control characters other than tab and line ends,
// U+FFFE, U+FFFF): an error may echo a path's bytes.
const xmlChar* xc(std::string_view s, std::string& keep) {
  keep.clear();
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
      i += 2;
      continue;
    }
    keep += s[i];
  }
  return reinterpret_cast<const xmlChar*>(keep.c_str());
}

// Writes `v` as element `name`; false for text that is not UTF-8 or as soon as libxml2 refuses
// a call (no memory), after which the document is not to be used.
bool write(xmlTextWriterPtr w, std::string_view name, const value& v) {
  // libxml2 copies bytes that are not UTF-8 through, making a document no client can read.
  if (!text::is_valid_utf8(name) || (v.is_string() && !text::is_valid_utf8(v.get_string())))
    return false;
  std::string n, t;
  if (xmlTextWriterStartElement(w, xc(name, n)) < 0) return false;
  int rc = 0;
  switch (v.kind()) {
    case boost::json::kind::object:
      for (const auto& [k, child] : v.as_object())
        if (!write(w, k, child)) return false;
      break;
    case boost::json::kind::array:
      for (const auto& child : v.as_array())
        if (!write(w, item_name(name), child)) return false;
      break;
    case boost::json::kind::string:
      rc = xmlTextWriterWriteString(w, xc(v.as_string(), t));
      break;
    case boost::json::kind::bool_:
      rc = xmlTextWriterWriteString(w, xc(v.as_bool() ? "true" : "false", t));
      break;
    case boost::json::kind::null:
      break;
    default:
      rc = xmlTextWriterWriteString(w, xc(boost::json::serialize(v), t));
      break;
  }
  return rc >= 0 && xmlTextWriterEndElement(w) >= 0;
}

Result<std::string> xml_of(const value& doc, std::string_view root) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buf(xmlBufferCreate(), &xmlBufferFree);
  if (!buf) return Error::internal("libxml2: no buffer for an Open311 document");
  std::unique_ptr<xmlTextWriter, decltype(&xmlFreeTextWriter)> w(
      xmlNewTextWriterMemory(buf.get(), 0), &xmlFreeTextWriter);
  if (!w) return Error::internal("libxml2: no writer for an Open311 document");
  bool ok = xmlTextWriterStartDocument(w.get(), nullptr, "UTF-8", nullptr) >= 0 &&
            write(w.get(), root, doc) && xmlTextWriterEndDocument(w.get()) >= 0;
  w.reset();  // flushes into buf
  if (!ok) return Error::internal("libxml2 could not write an Open311 document");
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                     static_cast<std::size_t>(xmlBufferLength(buf.get())));
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> form_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      int hi = i + 2 < s.size() ? hex(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return Error::invalid("Tham số gửi lên không đúng định dạng.");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  if (!text::is_valid_utf8(out) || out.find('\0') != std::string::npos)
    return Error::invalid("Tham số gửi lên phải là văn bản UTF-8.");
  return out;
}

// A title from the description's first line that has text: the specification has none. At most
// 100 characters, cut at a space when there is one late enough.
std::string title_of(std::string_view description) {
  std::string_view line;
  for (auto l : text::split(description, '\n')) {
    line = text::trim(l);
    if (!line.empty()) break;
  }
  std::string_view head = text::prefix_utf8(line, 100);
  if (head.size() == line.size()) return std::string(line);
  std::size_t space = head.rfind(' ');
  if (space != std::string_view::npos && space > head.size() / 2) head = head.substr(0, space);
  return std::string(text::trim(head)) + "…";
}

// The Open311 name of a field of read_submission's errors.
std::string_view open311_field(std::string_view ours) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"category_id", "service_code"},
      {"content", "description"},
      {"title", "description"},
      {"sender.name", "first_name"},
      {"sender.address", "attribute[dia_chi_nguoi_gui]"},
      {"sender.phone", "phone"},
      {"sender.email", "email"},
      {"proposal", "attribute[de_xuat]"},
      {"location", "address_string"},
      {"latitude", "lat"},
      {"longitude", "long"}};
  for (const auto& [o, theirs] : kNames)
    if (o == ours) return theirs;
  return ours;
}

value text_or_empty(const std::optional<std::string>& s) {
  return s ? value(*s) : value("");
}

// Decimal degrees as text ("11.943210"), the same in JSON and XML; "" without a place.
value coordinate(const std::optional<int64_t>& e6) {
  return e6 ? value(fmt::format("{:.6f}", static_cast<double>(*e6) / 1e6)) : value("");
}

std::string notice_of(const Category& c) {
  return c.answer_days
             ? fmt::format("Trả lời trong {} ngày làm việc kể từ khi tiếp nhận.", *c.answer_days)
             : std::string("Trả lời trong thời hạn do Ủy ban nhân dân tỉnh quy định.");
}

}  // namespace

std::optional<std::pair<std::string, Format>> split_format(std::string_view name) {
  for (auto [ext, f] : {std::pair{std::string_view(".json"), Format::kJson},
                        std::pair{std::string_view(".xml"), Format::kXml}}) {
    if (name.size() > ext.size() && name.ends_with(ext))
      return std::pair{std::string(name.substr(0, name.size() - ext.size())), f};
  }
  return std::nullopt;
}

std::string_view content_type(Format f) {
  return f == Format::kXml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
}

Result<std::string> render(const value& doc, Format f, std::string_view root) {
  if (f == Format::kXml) return xml_of(doc, root);
  return boost::json::serialize(doc);
}

array errors_json(int status, std::string_view description) {
  return array{object{{"code", status}, {"description", description}}};
}

Result<Params> parse_form(std::string_view body) {
  Params out;
  for (auto part : text::split(body, '&')) {
    if (part.empty()) continue;
    auto eq = part.find('=');
    TS_ASSIGN_OR_RETURN(auto key, form_decode(part.substr(0, eq)));
    std::string v;
    if (eq != std::string_view::npos) {
      TS_ASSIGN_OR_RETURN(v, form_decode(part.substr(eq + 1)));
    }
    out.emplace_back(std::move(key), std::move(v));
  }
  return out;
}

std::optional<std::string> param(const Params& p, std::string_view name) {
  for (const auto& [k, v] : p)
    if (k == name) return v;
  return std::nullopt;
}

object service_json(const Category& c) {
  return object{{"service_code", c.code},
                {"service_name", c.name},
                {"description", notice_of(c)},
                {"metadata", true},
                {"type", "realtime"},
                {"keywords", ""},
                {"group", c.subject == "administrative" ? "Quy định, thủ tục hành chính"
                                                        : "Kinh tế - xã hội"}};
}

object service_definition_json(const Category& c) {
  auto attribute = [](std::string_view code, std::string_view datatype, int order,
                      std::string_view description) {
    return object{{"variable", true},           {"code", code},
                  {"datatype", datatype},       {"required", false},
                  {"datatype_description", ""}, {"order", order},
                  {"description", description}, {"values", array{}}};
  };
  return object{
      {"service_code", c.code},
      {"attributes",
       array{attribute(kSenderAddressAttribute, "string", 1,
                       "Địa chỉ của người gửi (bắt buộc để tiếp nhận theo Điều 7 Nghị định "
                       "20/2008/NĐ-CP; thiếu thì phản ánh được lưu chờ bổ sung)"),
             attribute(kProposalAttribute, "text", 2,
                       "Đề xuất, giải pháp của người gửi: có đề xuất là kiến nghị")}}};
}

Result<Submission> read_request(const Params& p, const std::vector<Category>& categories) {
  object body;
  auto code = param(p, "service_code");
  int64_t category = 0;
  for (const auto& c : categories)
    if (code && c.active && c.code == *code) category = c.id;
  body["category_id"] = category;
  auto description = param(p, "description").value_or("");
  body["title"] = title_of(description);
  body["content"] = description;
  std::string name;
  for (auto part : {param(p, "first_name"), param(p, "last_name")}) {
    if (!part || text::trim(*part).empty()) continue;
    if (!name.empty()) name += ' ';
    name += text::trim(*part);
  }
  object sender;
  if (!name.empty()) sender["name"] = name;
  for (auto [ours, theirs] :
       {std::pair{"address", "attribute[" + std::string(kSenderAddressAttribute) + "]"},
        std::pair{"phone", std::string("phone")}, std::pair{"email", std::string("email")}}) {
    auto v = param(p, theirs);
    if (v && !text::trim(*v).empty()) sender[ours] = std::string(text::trim(*v));
  }
  body["sender"] = std::move(sender);
  auto proposal = param(p, "attribute[" + std::string(kProposalAttribute) + "]");
  if (proposal && !text::trim(*proposal).empty()) {
    body["kind"] = "petition";
    body["proposal"] = *proposal;
  }
  if (auto a = param(p, "address_string"); a && !text::trim(*a).empty()) {
    body["location"] = *a;
  } else if (auto id = param(p, "address_id"); id && !text::trim(*id).empty()) {
    // The province has no address register of its own: the id is kept as the place's text.
    body["location"] = "address_id: " + std::string(text::trim(*id));
  }
  std::vector<std::string> problems;
  auto lat = param(p, "lat").value_or(""), lon = param(p, "long").value_or("");
  if (lat.empty() != lon.empty()) {
    problems.push_back("lat, long: Cần cả vĩ độ (lat) và kinh độ (long).");
  } else if (!lat.empty()) {
    double la = 0, lo = 0;
    auto [pa, ea] = std::from_chars(lat.data(), lat.data() + lat.size(), la);
    auto [po, eo] = std::from_chars(lon.data(), lon.data() + lon.size(), lo);
    if (ea != std::errc() || eo != std::errc() || pa != lat.data() + lat.size() ||
        po != lon.data() + lon.size() || !std::isfinite(la) || !std::isfinite(lo))
      problems.push_back("lat, long: Tọa độ không hợp lệ.");
    body["latitude"] = la;
    body["longitude"] = lo;
  } else if (!body.contains("location")) {
    // The specification requires a place: coordinates, an address or an address id.
    problems.push_back("lat, long: Cần vị trí: tọa độ (lat, long) hoặc địa chỉ (address_string).");
  }
  auto sub = read_submission(body, false);
  if (!sub.ok()) {
    const auto* details = sub.error().details().if_object();
    const auto* fields = details ? details->if_contains("fields") : nullptr;
    if (fields != nullptr && fields->is_object()) {
      for (const auto& [k, v] : fields->as_object()) {
        // The title comes from the description: one problem is said once.
        std::string m = fmt::format("{}: {}", open311_field(k),
                                    v.is_string() ? std::string(v.as_string()) : "");
        if (std::find(problems.begin(), problems.end(), m) == problems.end())
          problems.push_back(std::move(m));
      }
    } else {
      problems.push_back(sub.error().message());
    }
  }
  if (!problems.empty()) {
    std::string all;
    for (const auto& m : problems) all += (all.empty() ? "" : "; ") + m;
    return Error::invalid(all);
  }
  sub->channel = "app";
  return sub;
}

std::string_view status_of(FeedbackStatus s) {
  return is_open(s) || s == FeedbackStatus::kDraft || s == FeedbackStatus::kMerged ? "open"
                                                                                   : "closed";
}

object published_request_json(const object& row, std::string_view service_code) {
  return object{{"service_request_id", row.at("code")},
                {"status", "closed"},
                {"status_notes", row.at("answer")},
                {"service_name", row.at("category").at("name")},
                {"service_code", service_code},
                {"description", row.at("content")},
                {"agency_responsible", row.at("unit").at("name")},
                {"service_notice", ""},
                {"requested_datetime", row.at("received_at")},
                {"updated_datetime", row.at("answered_at")},
                {"expected_datetime", ""},
                {"address", ""},
                {"address_id", ""},
                {"zipcode", ""},
                {"lat", ""},
                {"long", ""},
                {"media_url", ""}};
}

object own_request_json(const Item& it, const Category& c, std::string_view agency) {
  bool answered = it.status == FeedbackStatus::kAnswered || it.status == FeedbackStatus::kClosed;
  Instant updated = it.received_at;
  for (const auto& t : {it.registered_at, it.answered_at, it.closed_at})
    if (t && *t > updated) updated = *t;
  std::string notes = answered && it.answer ? *it.answer : std::string(status_label_vi(it.status));
  return object{{"service_request_id", it.code},
                {"status", status_of(it.status)},
                {"status_notes", notes},
                {"service_name", c.name},
                {"service_code", c.code},
                {"description", it.content},
                {"agency_responsible", agency},
                {"service_notice", notice_of(c)},
                {"requested_datetime", format_rfc3339(it.received_at)},
                {"updated_datetime", format_rfc3339(updated)},
                {"expected_datetime", it.due_at ? value(format_rfc3339(*it.due_at)) : value("")},
                {"address", text_or_empty(it.location)},
                {"address_id", ""},
                {"zipcode", ""},
                {"lat", coordinate(it.latitude_e6)},
                {"long", coordinate(it.longitude_e6)},
                {"media_url", ""}};
}

}  // namespace tinhso::feedback::open311
