#include "onestop/procedure.h"

#include <fmt/format.h>

#include <cmath>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/agency_code.h"

namespace tinhso::onestop {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

Result<UnitRule> parse_unit_rule(const value& v) {
  UnitRule r;
  if (v.is_string()) {
    std::string_view s = v.as_string();
    if (s == "agency") return r;
    if (s == "agency_parent") return UnitRule{UnitRule::Kind::kAgencyParent, ""};
    if (s == "applicant_commune") return UnitRule{UnitRule::Kind::kApplicantCommune, ""};
  } else if (v.is_object()) {
    const auto& o = v.as_object();
    if (const auto* c = o.if_contains("code");
        c && c->is_string() && identity::parse_agency_code(c->as_string())) {
      return UnitRule{UnitRule::Kind::kFixed, std::string(c->as_string())};
    }
    if (const auto* d = o.if_contains("division"); d && d->is_string() && !d->as_string().empty()) {
      return UnitRule{UnitRule::Kind::kAgencyDivision, text::to_nfc(std::string(d->as_string()))};
    }
  }
  return Error::invalid("unit");
}

value unit_rule_json(const UnitRule& r) {
  switch (r.kind) {
    case UnitRule::Kind::kAgency:
      return "agency";
    case UnitRule::Kind::kAgencyParent:
      return "agency_parent";
    case UnitRule::Kind::kApplicantCommune:
      return "applicant_commune";
    case UnitRule::Kind::kFixed:
      return object{{"code", r.value}};
    case UnitRule::Kind::kAgencyDivision:
      return object{{"division", r.value}};
  }
  return "agency";
}

std::vector<std::string> string_list(json::FieldReader& r, const object* o, std::string_view key,
                                     std::initializer_list<std::string_view> allowed = {}) {
  std::vector<std::string> out;
  if (o == nullptr) return out;
  const auto* v = o->if_contains(key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    r.fail(key, "Phải là một danh sách.");
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      r.fail(key, "Các phần tử phải là chuỗi ký tự.");
      continue;
    }
    std::string s(item.as_string());
    if (allowed.size() > 0 && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
      r.fail(key, fmt::format("Giá trị không hợp lệ: {}.", s));
      continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string folded_contains_key(std::string_view s) {
  return text::fold(s);
}

}  // namespace

int64_t ProcedureDef::total_fees() const {
  int64_t t = 0;
  for (const auto& f : fees) t += f.amount;
  return t;
}

Result<ProcedureDef> parse_procedure(const value& v) {
  json::FieldReader r(v);
  ProcedureDef d;
  const object* o = v.is_object() ? &v.as_object() : nullptr;
  d.national_code = r.required_string("national_code", 30);
  d.name = r.required_string("name", 500);
  d.sector_code = r.required_string("sector_code", 30);
  d.sector_name = r.required_string("sector_name", 200);
  // Keys of unit_levels (lower_snake_case), checked against the table when the procedure is
  // stored (catalog.cc).
  d.levels = string_list(r, o, "levels");
  for (const auto& l : d.levels) {
    bool key_shaped = !l.empty() && l.size() <= 40 && std::all_of(l.begin(), l.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || c == '_';
    });
    if (!key_shaped) r.fail("levels", fmt::format("Cấp \"{}\" không đúng dạng mã cấp.", l));
  }
  if (d.levels.empty() && !r.failed()) r.fail("levels", "Cần ít nhất một cấp thực hiện.");
  d.agency_codes = string_list(r, o, "agency_codes");
  for (const auto& c : d.agency_codes) {
    if (!identity::parse_agency_code(c))
      r.fail("agency_codes", fmt::format("Mã đơn vị không hợp lệ: {}.", c));
  }
  d.online_mode = r.optional_enum("online_mode", {"full", "partial", "none"}).value_or("none");
  d.legacy_level = static_cast<int>(r.optional_int("legacy_level", 1, 4).value_or(2));
  d.processing_days = static_cast<int>(r.optional_int("processing_days", 0, 365).value_or(0));
  d.processing_hours = static_cast<int>(r.optional_int("processing_hours", 0, 2000).value_or(0));
  if (auto od = r.optional_int("online_days", 0, 365)) d.online_days = static_cast<int>(*od);
  d.restart_on_supplement = r.optional_bool("restart_on_supplement").value_or(false);
  d.applicants = r.optional_enum("applicants", {"citizen", "business", "both"}).value_or("both");
  d.result = r.optional_string("result", 500).value_or("");
  d.legal_basis = r.optional_string("legal_basis", 4000).value_or("");
  d.description = r.optional_string("description", 8000).value_or("");
  d.sequence = r.optional_string("sequence", 8000).value_or("");
  d.submission = r.optional_string("submission", 4000).value_or("");
  d.conditions = r.optional_string("conditions", 4000).value_or("");
  d.result_kind = r.optional_enum("result_kind", {"document", "none"}).value_or("document");
  d.result_signed = r.optional_bool("result_signed").value_or(false);
  d.reception_anywhere = r.optional_bool("reception_anywhere").value_or(true);
  d.fees_due =
      r.optional_enum("fees_due", {"before_processing", "before_return"}).value_or("before_return");
  d.applicant_required =
      string_list(r, o, "applicant_required",
                  {"id_number", "address", "tax_code", "representative", "date_of_birth"});
  if (const auto* offices = r.optional_array("offices", 20)) {
    for (std::size_t i = 0; i < offices->size(); ++i) {
      json::FieldReader fr((*offices)[i]);
      Office of{fr.required_string("name", 300), fr.optional_string("address", 500).value_or(""),
                fr.optional_string("hours", 300).value_or(""),
                fr.optional_string("phone", 50).value_or("")};
      if (fr.failed()) r.fail("offices", fmt::format("Địa điểm thứ {} không hợp lệ.", i + 1));
      d.offices.push_back(std::move(of));
    }
  }
  if (d.processing_days == 0 && d.processing_hours == 0 && !r.failed()) {
    r.fail("processing_days", "Cần thời hạn giải quyết (số ngày hoặc số giờ làm việc).");
  }
  if (const auto* fees = r.optional_array("fees", 50)) {
    for (std::size_t i = 0; i < fees->size(); ++i) {
      json::FieldReader fr((*fees)[i]);
      Fee f{fr.required_string("name", 300), fr.required_int("amount", 0, 100000000000LL),
            fr.optional_string("note", 500).value_or("")};
      if (fr.failed()) r.fail("fees", fmt::format("Khoản phí thứ {} không hợp lệ.", i + 1));
      d.fees.push_back(std::move(f));
    }
  }
  if (const auto* papers = r.optional_array("papers", 100)) {
    for (std::size_t i = 0; i < papers->size(); ++i) {
      json::FieldReader pr((*papers)[i]);
      Paper p;
      p.name = pr.required_string("name", 500);
      p.originals = static_cast<int>(pr.optional_int("originals", 0, 20).value_or(1));
      p.copies = static_cast<int>(pr.optional_int("copies", 0, 20).value_or(0));
      p.required = pr.optional_bool("required").value_or(true);
      p.template_url = pr.optional_string("template_url", 500).value_or("");
      if (pr.failed())
        r.fail("papers", fmt::format("Thành phần hồ sơ thứ {} không hợp lệ.", i + 1));
      d.papers.push_back(std::move(p));
    }
  }
  if (const auto* form = r.optional_array("form", 60)) {
    for (std::size_t i = 0; i < form->size(); ++i) {
      json::FieldReader fr((*form)[i]);
      FormField f;
      f.key = fr.required_string("key", 60);
      f.label = fr.required_string("label", 300);
      f.type = fr.optional_enum("type", {"text", "textarea", "date", "number", "select"})
                   .value_or("text");
      f.required = fr.optional_bool("required").value_or(false);
      const object* fo = (*form)[i].is_object() ? &(*form)[i].as_object() : nullptr;
      f.options = string_list(fr, fo, "options");
      if (f.type == "select" && f.options.empty()) fr.fail("options", "Cần danh sách lựa chọn.");
      if (fr.failed()) r.fail("form", fmt::format("Trường biểu mẫu thứ {} không hợp lệ.", i + 1));
      d.form.push_back(std::move(f));
    }
  }
  const auto* steps = r.optional_array("steps", 30);
  if (steps == nullptr || steps->empty()) {
    if (!r.failed()) r.fail("steps", "Quy trình nội bộ cần ít nhất một bước xử lý.");
  } else {
    double total = 0;
    for (std::size_t i = 0; i < steps->size(); ++i) {
      json::FieldReader sr((*steps)[i]);
      Step s;
      s.key = sr.optional_string("key", 40).value_or(fmt::format("step{}", i + 1));
      s.name = sr.required_string("name", 200);
      auto role =
          identity::parse_role(sr.required_enum("role", {"desk_officer", "specialist", "leader"}));
      if (role) s.role = *role;
      s.share = sr.optional_number("share", 0, 1).value_or(0);
      total += s.share;
      const object* so = (*steps)[i].is_object() ? &(*steps)[i].as_object() : nullptr;
      if (so != nullptr && so->contains("unit")) {
        auto rule = parse_unit_rule(so->at("unit"));
        if (rule.ok())
          s.unit = *rule;
        else
          sr.fail("unit", "Đơn vị thực hiện không hợp lệ.");
      }
      if (sr.failed())
        r.fail("steps", fmt::format("Bước thứ {} ({}) không hợp lệ.", i + 1, s.name));
      d.steps.push_back(std::move(s));
    }
    if (!r.failed() && std::abs(total - 1.0) > 0.011) {
      r.fail("steps", fmt::format("Tổng tỷ lệ thời gian các bước phải bằng 100% (hiện là {:.0f}%).",
                                  total * 100));
    }
    if (!r.failed() && d.steps.back().role != identity::Role::kLeader) {
      r.fail("steps", "Bước cuối của quy trình là lãnh đạo phê duyệt (vai trò leader).");
    }
  }
  TS_TRY(r.finish());
  return d;
}

object procedure_json(const ProcedureDef& d) {
  array levels, codes, fees, papers, form, steps, offices, required;
  for (const auto& of : d.offices)
    offices.push_back(object{
        {"name", of.name}, {"address", of.address}, {"hours", of.hours}, {"phone", of.phone}});
  for (const auto& f : d.applicant_required) required.push_back(boost::json::string(f));
  for (const auto& l : d.levels) levels.push_back(boost::json::string(l));
  for (const auto& c : d.agency_codes) codes.push_back(boost::json::string(c));
  for (const auto& f : d.fees)
    fees.push_back(object{{"name", f.name}, {"amount", f.amount}, {"note", f.note}});
  for (const auto& p : d.papers) {
    papers.push_back(object{{"name", p.name},
                            {"originals", p.originals},
                            {"copies", p.copies},
                            {"required", p.required},
                            {"template_url", p.template_url}});
  }
  for (const auto& f : d.form) {
    array options;
    for (const auto& op : f.options) options.push_back(boost::json::string(op));
    form.push_back(object{{"key", f.key},
                          {"label", f.label},
                          {"type", f.type},
                          {"required", f.required},
                          {"options", std::move(options)}});
  }
  for (const auto& s : d.steps) {
    steps.push_back(object{{"key", s.key},
                           {"name", s.name},
                           {"role", identity::role_name(s.role)},
                           {"unit", unit_rule_json(s.unit)},
                           {"share", s.share}});
  }
  object o{{"national_code", d.national_code},
           {"name", d.name},
           {"sector_code", d.sector_code},
           {"sector_name", d.sector_name},
           {"levels", std::move(levels)},
           {"agency_codes", std::move(codes)},
           {"online_mode", d.online_mode},
           {"legacy_level", d.legacy_level},
           {"processing_days", d.processing_days},
           {"processing_hours", d.processing_hours},
           {"restart_on_supplement", d.restart_on_supplement},
           {"applicants", d.applicants},
           {"fees", std::move(fees)},
           {"papers", std::move(papers)},
           {"form", std::move(form)},
           {"result", d.result},
           {"legal_basis", d.legal_basis},
           {"description", d.description},
           {"sequence", d.sequence},
           {"submission", d.submission},
           {"conditions", d.conditions},
           {"offices", std::move(offices)},
           {"result_kind", d.result_kind},
           {"result_signed", d.result_signed},
           {"fees_due", d.fees_due},
           {"applicant_required", std::move(required)},
           {"steps", std::move(steps)}};
  o["online_days"] = d.online_days ? value(*d.online_days) : value(nullptr);
  // Written only when it departs from the rule, so definitions stored before it existed read
  // unchanged (a catalogue import compares definitions as written).
  if (!d.reception_anywhere) o["reception_anywhere"] = false;
  return o;
}

std::string_view online_mode_label_vi(std::string_view mode) {
  if (mode == "full") return "Dịch vụ công trực tuyến toàn trình";
  if (mode == "partial") return "Dịch vụ công trực tuyến một phần";
  return "Chưa cung cấp trực tuyến";
}

int64_t processing_seconds(const ProcedureDef& d, std::string_view channel,
                           int64_t seconds_per_day) {
  int days = channel == "online" && d.online_days ? *d.online_days : d.processing_days;
  return int64_t{days} * seconds_per_day + int64_t{d.processing_hours} * 3600;
}

std::vector<int64_t> agencies_for(const ProcedureDef& d, const identity::OrgTree& org) {
  std::vector<int64_t> out;
  if (!d.agency_codes.empty()) {
    // A code of a unit reorganised away names the unit that took over its work.
    for (const auto& c : d.agency_codes) {
      if (const auto* u = org.resolve_code(c);
          u && u->active && std::find(out.begin(), out.end(), u->id) == out.end())
        out.push_back(u->id);
    }
    return out;
  }
  // Every people's committee of each level, walking the tree from the roots.
  std::vector<int64_t> stack = org.roots();
  while (!stack.empty()) {
    int64_t id = stack.back();
    stack.pop_back();
    const auto* u = org.find(id);
    if (u == nullptr || !u->active) continue;
    if (org.is_committee(*u) &&
        std::find(d.levels.begin(), d.levels.end(), u->level) != d.levels.end()) {
      out.push_back(id);
    }
    for (int64_t c : org.children(id)) stack.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

int64_t desk_for(int64_t agency, const identity::OrgTree& org) {
  for (int64_t c : org.children(agency)) {
    const auto* u = org.find(c);
    if (u && u->active && u->kind == "service_centre") return c;
  }
  const auto* a = org.find(agency);
  if (a && a->level == identity::kProvinceLevel && a->kind != "service_centre") {
    // Provincial departments receive at the province's public service centre.
    for (int64_t root : org.roots()) {
      for (int64_t c : org.children(root)) {
        const auto* u = org.find(c);
        if (u && u->active && u->kind == "service_centre") return c;
      }
    }
  }
  return agency;
}

Result<int64_t> resolve_unit(const UnitRule& rule, int64_t agency,
                             std::optional<int64_t> applicant_commune,
                             const identity::OrgTree& org) {
  switch (rule.kind) {
    case UnitRule::Kind::kAgency:
      return agency;
    case UnitRule::Kind::kAgencyParent: {
      const auto* a = org.find(agency);
      if (a == nullptr || !a->parent_id)
        return Error::conflict("procedure.unit", "Không xác định được cơ quan cấp trên.");
      return *a->parent_id;
    }
    case UnitRule::Kind::kApplicantCommune:
      if (!applicant_commune) {
        return Error::validation("applicant_commune_unit_id",
                                 "Cần chọn xã, phường nơi cư trú của người nộp.");
      }
      // A commune merged away since the submission: its successor handles the step.
      return org.work_successor(*applicant_commune);
    case UnitRule::Kind::kFixed: {
      const auto* u = org.resolve_code(rule.value);
      if (u == nullptr)
        return Error::conflict("procedure.unit", fmt::format("Không có đơn vị mã {}.", rule.value));
      return u->id;
    }
    case UnitRule::Kind::kAgencyDivision: {
      std::string want = folded_contains_key(rule.value);
      for (int64_t c : org.children(agency)) {
        const auto* u = org.find(c);
        if (u && u->active && text::fold(u->name).find(want) != std::string::npos) return c;
      }
      // The agency itself handles it when it has no such division.
      return agency;
    }
  }
  return agency;
}

}  // namespace tinhso::onestop
