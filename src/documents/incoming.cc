#include "documents/incoming.h"

#include <fmt/format.h>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/agency_code.h"
#include "core/storage/query_builder.h"
#include "documents/events.h"
#include "documents/incoming_lifecycle.h"
#include "documents/notation.h"
#include "documents/search.h"

namespace tinhso::documents {

using boost::json::array;
using boost::json::object;
using boost::json::value;

const std::vector<DocType>& doc_types() {
  static const std::vector<DocType> kTypes = {
      {"nghi_quyet", "Nghị quyết", "NQ"}, {"quyet_dinh", "Quyết định", "QĐ"},
      {"chi_thi", "Chỉ thị", "CT"},       {"quy_che", "Quy chế", "QC"},
      {"quy_dinh", "Quy định", "QyĐ"},    {"thong_bao", "Thông báo", "TB"},
      {"huong_dan", "Hướng dẫn", "HD"},   {"chuong_trinh", "Chương trình", "CTr"},
      {"ke_hoach", "Kế hoạch", "KH"},     {"phuong_an", "Phương án", "PA"},
      {"de_an", "Đề án", "ĐA"},           {"du_an", "Dự án", "DA"},
      {"bao_cao", "Báo cáo", "BC"},       {"bien_ban", "Biên bản", "BB"},
      {"to_trinh", "Tờ trình", "TTr"},    {"hop_dong", "Hợp đồng", "HĐ"},
      {"cong_van", "Công văn", ""},       {"cong_dien", "Công điện", "CĐ"},
      {"giay_moi", "Giấy mời", "GM"},     {"giay_gioi_thieu", "Giấy giới thiệu", "GGT"},
      {"phieu_gui", "Phiếu gửi", "PG"},   {"phieu_chuyen", "Phiếu chuyển", "PC"},
  };
  return kTypes;
}

const std::initializer_list<std::string_view> kUrgencies = {"thuong", "khan", "thuong_khan",
                                                            "hoa_toc"};
const std::initializer_list<std::string_view> kConfidentialities = {"thuong", "mat", "toi_mat",
                                                                    "tuyet_mat"};

const DocType* find_doc_type(std::string_view key) {
  for (const auto& t : doc_types())
    if (t.key == key) return &t;
  return nullptr;
}

std::string_view urgency_label_vi(std::string_view u) {
  if (u == "khan") return "Khẩn";
  if (u == "thuong_khan") return "Thượng khẩn";
  if (u == "hoa_toc") return "Hỏa tốc";
  return "Thường";
}

std::string_view confidentiality_label_vi(std::string_view c) {
  if (c == "mat") return "Mật";
  if (c == "toi_mat") return "Tối mật";
  if (c == "tuyet_mat") return "Tuyệt mật";
  return "Thường";
}

namespace {

std::string_view incoming_status_label(std::string_view s) {
  auto status = parse_incoming_status(s);
  return status ? status_label_vi(*status) : s;
}

constexpr std::string_view kColumns =
    "d.id, d.unit_id, d.year, d.incoming_number, d.received_at, d.channel, d.issuer_name, "
    "d.issuer_code, d.notation, d.issued_on, d.doc_type, d.subject, d.urgency, "
    "d.confidentiality, d.pages, d.status, d.due_at, d.completed_at, d.version";

object entry_json(const storage::Rows::Row& r) {
  object o{{"id", r.i64(0)},
           {"unit_id", r.i64(1)},
           {"year", r.i64(2)},
           {"incoming_number", r.i64(3)},
           {"received_at", format_rfc3339(from_millis(r.i64(4)))},
           {"channel", r.str(5)},
           {"issuer",
            object{{"name", r.str(6)}, {"code", r.is_null(7) ? value(nullptr) : value(r.str(7))}}},
           {"notation", r.str(8)},
           {"issued_on", r.str(9)},
           {"doc_type", doc_type_json(r.view(10))},
           {"subject", r.str(11)},
           {"urgency", urgency_json(r.view(12))},
           {"confidentiality", confidentiality_json(r.view(13))}};
  o["pages"] = r.is_null(14) ? value(nullptr) : value(r.i64(14));
  o["status"] = object{{"key", r.str(15)}, {"label", incoming_status_label(r.view(15))}};
  o["due_at"] = r.is_null(16) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(16))));
  o["completed_at"] =
      r.is_null(17) ? value(nullptr) : value(format_rfc3339(from_millis(r.i64(17))));
  o["version"] = r.i64(18);
  return o;
}

}  // namespace

object doc_type_json(std::string_view key) {
  const DocType* t = find_doc_type(key);
  return object{{"key", key}, {"name", t ? t->name : key}};
}
object urgency_json(std::string_view key) {
  return object{{"key", key}, {"label", urgency_label_vi(key)}};
}
object confidentiality_json(std::string_view key) {
  return object{{"key", key}, {"label", confidentiality_label_vi(key)}};
}

std::string notation_key(std::string_view notation) {
  std::string out;
  for (char c : text::fold(notation))
    if (c != ' ') out += c;
  return out;
}

Result<IncomingInput> read_incoming(const value& v, Date today) {
  json::FieldReader r(v);
  IncomingInput in;
  in.unit_id = r.required_int("unit_id", 1, INT64_MAX);
  in.channel = r.optional_enum("channel", {"paper", "electronic"}).value_or("paper");
  in.issuer_name = r.required_string("issuer_name", 300);
  in.issuer_code = r.optional_string("issuer_code", 20);
  if (in.issuer_code && !identity::parse_agency_code(*in.issuer_code))
    r.fail("issuer_code", "Mã định danh cơ quan không đúng dạng 000.00.00.H47.");
  in.notation = r.required_string("notation", 60);
  if (!in.notation.empty() && in.notation.find('/') == std::string::npos)
    r.fail("notation", "Số và ký hiệu có dạng số/ký hiệu, ví dụ 183/KH-UBND.");
  std::string issued = r.required_string("issued_on", 10);
  if (!issued.empty()) {
    auto d = parse_iso_date(issued);
    if (!d.ok())
      r.fail("issued_on", "Ngày ban hành không hợp lệ (YYYY-MM-DD).");
    else if (std::chrono::sys_days(*d) > std::chrono::sys_days(today))
      r.fail("issued_on", "Ngày ban hành không thể sau hôm nay.");
    else
      in.issued_on = *d;
  }
  in.doc_type = r.required_string("doc_type", 40);
  if (!in.doc_type.empty() && find_doc_type(in.doc_type) == nullptr)
    r.fail("doc_type", "Loại văn bản không có trong danh mục theo Nghị định 30/2020/NĐ-CP.");
  in.subject = r.required_string("subject", 2000);
  in.urgency = r.optional_enum("urgency", kUrgencies).value_or("thuong");
  in.confidentiality = r.optional_enum("confidentiality", kConfidentialities).value_or("thuong");
  in.pages = r.optional_int("pages", 1, 100000);
  in.file_ids = r.optional_ids("file_ids", 50, "Mã tệp không hợp lệ.");
  if (in.channel == "paper" && in.file_ids.empty() && !r.failed() && !r.has("file_ids")) {
    // Paper documents are registered with their scans (digitisation, ND 30 art. 22).
    r.fail("file_ids", "Cần bản quét của văn bản giấy.");
  }
  TS_TRY(r.finish());
  return in;
}

Result<int64_t> register_incoming(audit::ChangeTx& tx, files::FileStore& files,
                                  const IncomingInput& in) {
  for (int64_t file_id : in.file_ids)
    TS_TRY(files.own_upload(tx.sql(), file_id, tx.actor(), "file_ids"));
  return insert_incoming(tx, in, std::nullopt);
}

Result<int64_t> insert_incoming(audit::ChangeTx& tx, const IncomingInput& in,
                                std::optional<int64_t> source_recipient_id) {
  storage::Tx& sql = tx.sql();
  int year = static_cast<int>(local_date(tx.now()).year());
  std::string key = notation_key(in.notation);
  std::string issued = format_iso_date(in.issued_on);
  TS_ASSIGN_OR_RETURN(auto dup, sql.query("SELECT id, incoming_number, year FROM "
                                          "incoming_documents WHERE unit_id = $1 AND "
                                          "issuer_name = $2 AND notation_key = $3 AND "
                                          "issued_on = $4",
                                          {in.unit_id, in.issuer_name, key, issued}));
  if (!dup.empty()) {
    auto d = dup.front();
    return Error::conflict(
        "document.duplicate",
        fmt::format("Văn bản {} của {} ngày {} đã được vào sổ (số đến {}/{}).", in.notation,
                    in.issuer_name, format_vn_date(in.issued_on), d.i64(1), d.i64(2)),
        object{{"existing_id", d.i64(0)}});
  }
  TS_ASSIGN_OR_RETURN(int64_t number, next_register_number(sql, in.unit_id, "incoming", year));
  std::string folded = text::fold(in.notation + " " + in.subject + " " + in.issuer_name);
  TS_ASSIGN_OR_RETURN(
      auto inserted,
      sql.query("INSERT INTO incoming_documents (unit_id, year, incoming_number, received_at, "
                "channel, issuer_name, issuer_code, notation, notation_key, issued_on, doc_type, "
                "subject, urgency, confidentiality, pages, folded, registered_by, created_at, "
                "source_recipient_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                "$13, $14, $15, $16, $17, $4, $18) RETURNING id",
                {in.unit_id, int64_t{year}, number, tx.now_ms(), in.channel, in.issuer_name,
                 in.issuer_code, in.notation, key, issued, in.doc_type, in.subject, in.urgency,
                 in.confidentiality, in.pages, folded, tx.actor().id, source_recipient_id}));
  int64_t id = inserted.front().i64(0);
  for (int64_t file_id : in.file_ids) {
    TS_TRY(sql.exec("INSERT INTO incoming_document_files (document_id, file_id) VALUES ($1, $2)",
                    {id, file_id}));
  }
  TS_TRY(index_document(sql, "incoming", id));
  TS_TRY(record_event(tx, Event{Subject::kIncoming,
                                id,
                                "register",
                                std::nullopt,
                                object{{"unit_id", in.unit_id},
                                       {"year", year},
                                       {"incoming_number", number},
                                       {"notation", in.notation},
                                       {"issuer", in.issuer_name},
                                       {"channel", in.channel}},
                                {}}));
  return id;
}

Result<storage::Keyed<value>> list_incoming(storage::Tx& tx, const IncomingQuery& q) {
  storage::QueryBuilder b(
      fmt::format("SELECT {} FROM incoming_documents d WHERE d.unit_id = ", kColumns));
  b.add(b.bind(q.unit_id) + " AND d.year = " + b.bind(int64_t{q.year}));
  b.add_words("d.folded", q.text);
  if (!q.status.empty()) b.add(" AND d.status = " + b.bind(q.status));
  storage::add_keyset(b, "d.incoming_number", "d.id", storage::Direction::kDescending, q.after,
                      q.limit);
  TS_ASSIGN_OR_RETURN(auto rows, b.query(tx));
  storage::Keyed<value> out;
  for (auto r : rows) {
    out.rows.push_back(entry_json(r));
    out.keys.push_back({r.i64(3), r.i64(0)});
  }
  return out;
}

Result<std::optional<object>> find_incoming(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM incoming_documents d WHERE d.id = $1", kColumns), {id}));
  if (rows.empty()) return std::optional<object>();
  object o = entry_json(rows.front());
  TS_ASSIGN_OR_RETURN(auto files,
                      tx.query(fmt::format("SELECT {} FROM incoming_document_files df JOIN files f "
                                           "ON f.id = df.file_id WHERE df.document_id = $1 ORDER "
                                           "BY f.id",
                                           files::kFileSummaryColumns),
                               {id}));
  array list;
  for (auto f : files) list.push_back(files::file_summary_json(f));
  o["files"] = std::move(list);
  return std::optional<object>(std::move(o));
}

}  // namespace tinhso::documents
