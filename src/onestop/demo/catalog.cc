#include "onestop/demo/catalog.h"

#include <fmt/format.h>

#include "core/base/json.h"
#include "core/base/resources.h"

namespace tinhso::onestop::demo {
namespace {

namespace bj = boost::json;

Result<bj::value> read_resource(std::string_view name) {
  auto text = resources::get(name);
  if (!text) return Error::internal(fmt::format("{} is not embedded", name));
  auto v = json::parse(*text);
  if (!v.ok()) return Error::internal(fmt::format("{}: {}", name, v.error().describe()));
  return v;
}

// Strings of an array, or a problem recorded on `r` under `key`.
std::vector<std::string> strings(json::FieldReader& r, const bj::array* a, std::string_view key) {
  std::vector<std::string> out;
  if (a == nullptr) return out;
  for (const auto& s : *a) {
    if (!s.is_string()) {
      r.fail(key, "phải là danh sách chuỗi");
      return out;
    }
    out.emplace_back(s.as_string());
  }
  return out;
}

std::vector<DemoStep> read_steps(json::FieldReader& r, const bj::array* steps) {
  std::vector<DemoStep> out;
  if (steps == nullptr) return out;
  for (const auto& s : *steps) {
    json::FieldReader sr(s);
    DemoStep step;
    step.role = sr.required_enum("role", {"specialist", "leader", "desk_officer"});
    step.unit = sr.required_string("unit");
    step.share = sr.optional_number("share", 0, 1).value_or(0);
    if (auto done = sr.finish(); !done.ok()) r.fail("steps", done.error().describe());
    out.push_back(std::move(step));
  }
  return out;
}

Result<ProcSpec> read_procedure(const bj::value& v) {
  json::FieldReader r(v);
  ProcSpec p;
  p.code = r.required_string("national_code");
  p.name = r.required_string("name");
  p.sector_code = r.required_string("sector_code");
  p.sector_name = r.required_string("sector_name");
  p.level = r.required_enum("level", {"province", "district", "commune"});
  p.agency_code = r.optional_string("agency_code").value_or("");
  p.days = static_cast<int>(r.required_int("days", 0, 365));
  p.hours = static_cast<int>(r.optional_int("hours", 0, 24).value_or(0));
  p.online = r.required_enum("online", {"full", "partial", "none"});
  p.fee = r.optional_int("fee", 0, 1'000'000'000).value_or(0);
  p.weight = r.optional_number("weight", 0, 1000).value_or(1);
  p.papers = strings(r, r.optional_array("papers"), "papers");
  p.steps = read_steps(r, r.optional_array("steps"));
  if (const auto* since = r.optional_object("since_2025")) {
    json::FieldReader sr(*since);
    Since2025 changed;
    changed.level = sr.optional_enum("level", {"province", "commune"}).value_or("");
    changed.name = sr.optional_string("name").value_or("");
    changed.steps = read_steps(sr, sr.optional_array("steps"));
    if (auto s = sr.finish(); !s.ok()) r.fail("since_2025", s.error().describe());
    p.since_2025 = std::move(changed);
  }
  if (p.steps.empty()) r.fail("steps", "cần ít nhất một bước");
  TS_TRY(r.finish());
  return p;
}

Result<Family> read_family(const bj::value& v) {
  json::FieldReader r(v);
  Family f;
  f.sector_code = r.required_string("sector_code");
  f.sector_name = r.required_string("sector_name");
  f.department = r.required_string("department");
  f.division = r.required_string("division");
  f.district = r.optional_bool("district").value_or(false);
  f.commune = r.optional_bool("commune").value_or(false);
  f.commune_division = r.optional_string("commune_division").value_or("Văn phòng HĐND và UBND");
  f.objects = strings(r, r.optional_array("objects"), "objects");
  TS_TRY(r.finish());
  return f;
}

Result<Verb> read_verb(const bj::value& v) {
  json::FieldReader r(v);
  Verb out;
  out.prefix = r.required_string("prefix");
  out.days_factor = r.optional_number("days_factor", 0.1, 10).value_or(1);
  TS_TRY(r.finish());
  return out;
}

// Reads `key` of `doc` as a list of T.
template <typename T, typename Read>
Result<std::vector<T>> read_list(const bj::value& doc, std::string_view file, std::string_view key,
                                 Read read) {
  const auto* list = doc.is_object() ? doc.as_object().if_contains(key) : nullptr;
  if (list == nullptr || !list->is_array())
    return Error::internal(fmt::format("{}: \"{}\" must be a list", file, key));
  std::vector<T> out;
  std::size_t i = 0;
  for (const auto& item : list->as_array()) {
    auto one = read(item);
    if (!one.ok())
      return Error::internal(fmt::format("{} {}[{}]: {}", file, key, i, one.error().describe()));
    out.push_back(std::move(*one));
    ++i;
  }
  return out;
}

}  // namespace

Result<DemoCatalog> load_demo_catalog() {
  constexpr std::string_view kProcedures = "resources/demo/procedures.json";
  constexpr std::string_view kFamilies = "resources/demo/families.json";
  DemoCatalog c;
  TS_ASSIGN_OR_RETURN(auto procedures, read_resource(kProcedures));
  TS_ASSIGN_OR_RETURN(c.procedures,
                      read_list<ProcSpec>(procedures, kProcedures, "procedures", read_procedure));
  TS_ASSIGN_OR_RETURN(auto families, read_resource(kFamilies));
  TS_ASSIGN_OR_RETURN(c.families, read_list<Family>(families, kFamilies, "families", read_family));
  TS_ASSIGN_OR_RETURN(c.verbs, read_list<Verb>(families, kFamilies, "verbs", read_verb));
  return c;
}

}  // namespace tinhso::onestop::demo
