#include "core/identity/units.h"

#include <fmt/format.h>

#include <map>

#include "core/base/json.h"
#include "core/base/text.h"
#include "core/identity/agency_code.h"
#include "core/identity/org_tree.h"
#include "core/storage/snapshot_cache.h"

namespace tinhso::identity {
namespace {

// Units with the labels of their level and kind; `FROM {kUnitsJoined} WHERE …`.
constexpr std::string_view kUnitColumns =
    "id, parent_id, code, name, short_name, level, kind, address, phone, email, active, "
    "sort_order, version, ul.label_vi, uk.label_vi, units.ended_on";
constexpr std::string_view kUnitsJoined =
    "units LEFT JOIN unit_levels ul ON ul.key = units.level LEFT JOIN unit_kinds uk ON uk.key = "
    "units.kind";

Unit unit_from_row(const storage::Rows::Row& r) {
  Unit u;
  u.id = r.i64(0);
  u.parent_id = r.opt_i64(1);
  u.code = r.str(2);
  u.name = r.str(3);
  u.short_name = r.str(4);
  u.level = r.str(5);
  u.kind = r.str(6);
  u.address = r.opt_str(7);
  u.phone = r.opt_str(8);
  u.email = r.opt_str(9);
  u.active = r.boolean(10);
  u.sort_order = r.i64(11);
  u.version = r.i64(12);
  u.level_label = r.is_null(13) ? u.level : r.str(13);
  u.kind_label = r.is_null(14) ? u.kind : r.str(14);
  u.ended_on = r.opt_str(15);
  return u;
}

struct LevelRow {
  int64_t rank = 0;
  std::optional<std::string> ended_on;
};

Result<std::optional<LevelRow>> find_level(storage::Tx& tx, std::string_view level) {
  TS_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT level_rank, ended_on FROM unit_levels WHERE key = $1", {level}));
  if (rows.empty()) return std::optional<LevelRow>();
  return std::optional<LevelRow>(LevelRow{rows.front().i64(0), rows.front().opt_str(1)});
}

// The level and kind are in their tables, and a kind tied to a level is used at that level.
Result<LevelRow> check_level_and_kind(storage::Tx& tx, std::string_view level,
                                      std::string_view kind) {
  TS_ASSIGN_OR_RETURN(auto found, find_level(tx, level));
  if (!found)
    return Error::validation("level",
                             fmt::format("Cấp \"{}\" không có trong danh mục cấp.", level));
  TS_ASSIGN_OR_RETURN(auto kinds,
                      tx.query("SELECT at_level, label_vi FROM unit_kinds WHERE key = $1", {kind}));
  if (kinds.empty())
    return Error::validation("kind",
                             fmt::format("Loại \"{}\" không có trong danh mục loại đơn vị.", kind));
  if (!kinds.front().is_null(0) && kinds.front().view(0) != level)
    return Error::validation("kind", fmt::format("{} không thuộc cấp này.", kinds.front().str(1)));
  return *found;
}

boost::json::value unit_opt_json(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

Result<std::optional<Unit>> find_by_code(storage::Tx& tx, std::string_view code) {
  TS_ASSIGN_OR_RETURN(auto rows, tx.query(fmt::format("SELECT {} FROM {} WHERE code = $1",
                                                      kUnitColumns, kUnitsJoined),
                                          {code}));
  if (rows.empty()) return std::optional<Unit>();
  return std::optional<Unit>(unit_from_row(rows.front()));
}

Error code_exists(std::string_view code) {
  return Error::conflict("unit.code_exists",
                         fmt::format("Mã định danh {} đã được dùng cho một đơn vị khác.", code));
}

}  // namespace

boost::json::object unit_json(const Unit& u) {
  return boost::json::object{
      {"id", u.id},
      {"parent_id", u.parent_id ? boost::json::value(*u.parent_id) : nullptr},
      {"code", u.code},
      {"name", u.name},
      {"short_name", u.short_name},
      {"level", u.level},
      {"level_label", u.level_label},
      {"kind", u.kind},
      {"kind_label", u.kind_label},
      {"address", unit_opt_json(u.address)},
      {"phone", unit_opt_json(u.phone)},
      {"email", unit_opt_json(u.email)},
      {"active", u.active},
      {"sort_order", u.sort_order},
      {"version", u.version},
      {"ended_on", unit_opt_json(u.ended_on)},
  };
}

Result<UnitInput> read_unit_input(const boost::json::value& v, bool creating) {
  json::FieldReader r(v);
  UnitInput in;
  in.parent_id = r.optional_int("parent_id", 1, INT64_MAX);
  in.parent_code = r.optional_string("parent_code", 13);
  if (creating) {
    in.code = r.required_string("code", 13);
    in.name = r.required_string("name", 300);
    // Checked against unit_levels and unit_kinds when the unit is written.
    in.level = r.required_string("level", 40);
    in.kind = r.required_string("kind", 40);
  } else {
    in.name = r.optional_string("name", 300).value_or("");
    in.kind = r.optional_string("kind", 40).value_or("");
  }
  in.short_name = r.optional_string("short_name", 100).value_or("");
  in.address = r.optional_string("address", 500);
  in.phone = r.optional_string("phone", 30);
  in.email = r.optional_string("email", 200);
  in.active = r.optional_bool("active");
  in.sort_order = r.optional_int("sort_order", 0, 1000000);
  if (creating && !in.code.empty() && !parse_agency_code(in.code)) {
    r.fail("code", "Mã định danh không đúng dạng LLL.KK.JJ.III (ví dụ: 000.00.12.H47).");
  }
  TS_TRY(r.finish());
  return in;
}

Status check_level_in_force(storage::Tx& tx, std::string_view level, Date today) {
  TS_ASSIGN_OR_RETURN(auto found, find_level(tx, level));
  if (!found || !found->ended_on) return ok_status();  // unknown: refused when written
  auto ended = parse_iso_date(*found->ended_on);
  if (!ended.ok() || today <= *ended) return ok_status();
  return Error(422, "unit.level_ended",
               fmt::format("Cấp này đã kết thúc từ ngày {}; đơn vị mới thuộc cấp tỉnh hoặc cấp xã "
                           "(chính quyền địa phương hai cấp).",
                           format_vn_date(add_days(*ended, 1))),
               boost::json::object{{"field", "level"}});
}

Result<Unit> get_unit(storage::Tx& tx, int64_t id) {
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM {} WHERE id = $1", kUnitColumns, kUnitsJoined), {id}));
  if (rows.empty()) return Error::not_found("Không tìm thấy đơn vị.");
  return unit_from_row(rows.front());
}

Result<std::vector<Unit>> list_units(storage::Tx& tx, const UnitFilter& f) {
  std::string folded = f.query ? "%" + text::fold(*f.query) + "%" : std::string();
  // Codes are matched by prefix; only characters that occur in codes are allowed in it.
  std::string code_prefix = f.query ? std::string(text::trim(*f.query)) : std::string();
  bool code_like =
      !code_prefix.empty() && std::all_of(code_prefix.begin(), code_prefix.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.';
      });
  code_prefix = code_like ? code_prefix + "%" : std::string("\x01");
  TS_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(fmt::format("SELECT {} FROM {} WHERE "
                           "(CAST($1 AS BIGINT) IS NULL OR parent_id = $1) "
                           "AND (CAST($2 AS BIGINT) IS NULL OR id IN (SELECT unit_id FROM "
                           "unit_closure WHERE ancestor_id = $2)) "
                           "AND (CAST($3 AS TEXT) IS NULL OR level = $3) "
                           "AND (CAST($4 AS TEXT) IS NULL OR kind = $4) "
                           "AND (CAST($5 AS TEXT) IS NULL OR name_folded LIKE $5 OR code LIKE $6) "
                           "AND ($7 = 1 OR active = 1) "
                           "ORDER BY sort_order, name LIMIT 5000",
                           kUnitColumns, kUnitsJoined),
               {f.parent_id, f.within, f.level, f.kind,
                f.query ? std::optional<std::string>(folded) : std::nullopt, code_prefix,
                f.include_inactive ? 1 : 0}));
  std::vector<Unit> out;
  out.reserve(rows.size());
  for (auto r : rows) out.push_back(unit_from_row(r));
  return out;
}

Result<Unit> create_unit(audit::ChangeTx& tx, const UnitInput& in) {
  auto code = parse_agency_code(in.code);
  if (!code) return Error::validation("code", "Mã định danh không đúng dạng LLL.KK.JJ.III.");
  TS_ASSIGN_OR_RETURN(LevelRow level, check_level_and_kind(tx.sql(), in.level, in.kind));
  std::optional<Unit> parent;
  if (in.parent_id) {
    TS_ASSIGN_OR_RETURN(parent, get_unit(tx.sql(), *in.parent_id));
  } else if (in.parent_code) {
    TS_ASSIGN_OR_RETURN(parent, find_by_code(tx.sql(), *in.parent_code));
    if (!parent)
      return Error::validation("parent_code",
                               fmt::format("Không có đơn vị mã {}.", *in.parent_code));
  }
  if (parent) {
    std::string problem = child_code_problem(*parse_agency_code(parent->code), *code);
    if (!problem.empty()) return Error::validation("code", problem);
    TS_ASSIGN_OR_RETURN(auto parent_level, find_level(tx.sql(), parent->level));
    if (parent_level && level.rank < parent_level->rank) {
      return Error::validation("level",
                               "Cấp của đơn vị không được cao hơn cấp của đơn vị cấp trên.");
    }
  } else if (code->depth != 1) {
    return Error::validation("parent_id", "Đơn vị không phải cấp cao nhất cần có đơn vị cấp trên.");
  }
  std::string short_name = in.short_name.empty() ? in.name : in.short_name;
  auto inserted = tx.sql().query(
      "INSERT INTO units (parent_id, code, name, short_name, level, kind, name_folded, address, "
      "phone, email, "
      "active, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, $12, "
      "$13, $13) RETURNING id",
      {parent ? std::optional<int64_t>(parent->id) : std::nullopt, in.code, in.name, short_name,
       in.level, in.kind, text::fold(in.name + " " + short_name), in.address, in.phone, in.email,
       in.active.value_or(true) ? 1 : 0, in.sort_order.value_or(0), tx.now_ms()});
  if (!inserted.ok() && inserted.error().code() == storage::kUniqueViolation)
    return code_exists(in.code);
  TS_TRY(inserted);
  int64_t id = inserted->front().i64(0);
  TS_TRY(tx.sql().exec("INSERT INTO unit_closure (ancestor_id, unit_id, depth) VALUES ($1, $1, 0)",
                       {id}));
  if (parent) {
    TS_TRY(
        tx.sql().exec("INSERT INTO unit_closure (ancestor_id, unit_id, depth) "
                      "SELECT ancestor_id, $1, depth + 1 FROM unit_closure WHERE unit_id = $2",
                      {id, parent->id}));
  }
  TS_TRY(storage::bump_version(tx.sql(), OrgCache::kVersionKey, tx.now_ms()));
  TS_ASSIGN_OR_RETURN(Unit u, get_unit(tx.sql(), id));
  TS_TRY(tx.record("unit.create", "unit", id, unit_json(u)));
  return u;
}

Result<Unit> update_unit(audit::ChangeTx& tx, int64_t id, const UnitInput& in,
                         std::optional<int64_t> expected_version) {
  TS_ASSIGN_OR_RETURN(Unit before, get_unit(tx.sql(), id));
  if (expected_version && *expected_version != before.version) {
    return Error::conflict("unit.version_conflict",
                           "Đơn vị vừa được người khác cập nhật. Vui lòng tải lại và thử lại.");
  }
  Unit after = before;
  if (!in.name.empty()) after.name = in.name;
  if (!in.short_name.empty()) after.short_name = in.short_name;
  if (!in.kind.empty() && in.kind != before.kind) {
    TS_TRY(check_level_and_kind(tx.sql(), before.level, in.kind));
    after.kind = in.kind;
  }
  if (in.address) after.address = in.address;
  if (in.phone) after.phone = in.phone;
  if (in.email) after.email = in.email;
  if (in.active) after.active = *in.active;
  if (in.sort_order) after.sort_order = *in.sort_order;
  boost::json::object from, to;
  auto diff = [&](std::string_view key, const boost::json::value& a, const boost::json::value& b) {
    if (a != b) {
      from[key] = a;
      to[key] = b;
    }
  };
  auto jb = unit_json(before), ja = unit_json(after);
  for (auto key :
       {"name", "short_name", "kind", "address", "phone", "email", "active", "sort_order"}) {
    diff(key, jb[key], ja[key]);
  }
  if (to.empty()) {
    tx.mark_unchanged();
    return before;
  }
  TS_ASSIGN_OR_RETURN(
      int64_t n,
      tx.sql().exec(
          "UPDATE units SET name = $1, short_name = $2, kind = $3, name_folded = $4, "
          "address = $5, phone = $6, email = $7, active = $8, sort_order = $9, "
          "updated_at = $10, version = version + 1 WHERE id = $11 AND version = $12",
          {after.name, after.short_name, after.kind,
           text::fold(after.name + " " + after.short_name), after.address, after.phone, after.email,
           after.active ? 1 : 0, after.sort_order, tx.now_ms(), id, before.version}));
  if (n == 0) {
    return Error::conflict("unit.version_conflict",
                           "Đơn vị vừa được người khác cập nhật. Vui lòng tải lại và thử lại.");
  }
  TS_TRY(storage::bump_version(tx.sql(), OrgCache::kVersionKey, tx.now_ms()));
  TS_TRY(tx.record("unit.update", "unit", id, boost::json::object{{"from", from}, {"to", to}}));
  return get_unit(tx.sql(), id);
}

Result<ImportReport> import_units(audit::ChangeTx& tx, std::vector<UnitInput> rows) {
  // Parents first: fewer used code levels first.
  std::vector<std::pair<std::size_t, UnitInput*>> order;
  for (std::size_t i = 0; i < rows.size(); ++i) order.emplace_back(i, &rows[i]);
  auto depth = [](const UnitInput* u) {
    auto c = parse_agency_code(u->code);
    return c ? c->depth : 99;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](const auto& a, const auto& b) { return depth(a.second) < depth(b.second); });
  ImportReport report;
  for (const auto& entry : order) {
    std::size_t index = entry.first;
    UnitInput* in = entry.second;
    auto fail = [&, line = in->source_row ? in->source_row : index + 1](const Error& e) {
      boost::json::object details{{"row", line}, {"code", in->code}};
      if (e.details().is_object()) details["problem"] = e.details();
      return Error(e.status() == 409 ? 409 : 422, "unit.import_failed",
                   fmt::format("Dòng {} (mã {}): {}", line, in->code, e.message()), details);
    };
    auto existing = find_by_code(tx.sql(), in->code);
    if (!existing.ok()) return existing.error();
    if (!*existing) {
      auto created = create_unit(tx, *in);
      if (!created.ok()) return fail(created.error());
      ++report.created;
      continue;
    }
    const Unit& u = **existing;
    if (in->parent_code) {
      std::optional<std::string> current_parent;
      if (u.parent_id) {
        TS_ASSIGN_OR_RETURN(Unit p, get_unit(tx.sql(), *u.parent_id));
        current_parent = p.code;
      }
      if (current_parent != in->parent_code) {
        return fail(Error::validation(
            "parent_code", "Không thể chuyển đơn vị sang đơn vị cấp trên khác khi nhập tệp."));
      }
    }
    int before = tx.recorded();
    auto updated = update_unit(tx, u.id, *in, std::nullopt);
    if (!updated.ok()) return fail(updated.error());
    if (tx.recorded() > before)
      ++report.updated;
    else
      ++report.unchanged;
  }
  if (tx.recorded() == 0) tx.mark_unchanged();
  return report;
}

Result<std::vector<UnitInput>> units_from_csv(std::string_view text) {
  TS_ASSIGN_OR_RETURN(auto rows, csv::parse(text));
  if (rows.empty()) return Error::invalid("Tệp CSV rỗng.");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i)
    col[text::to_lower_ascii(text::trim(rows[0][i]))] = i;
  for (auto required : {"code", "name", "level", "kind"}) {
    if (!col.contains(required)) {
      return Error::invalid(fmt::format("Dòng tiêu đề của tệp CSV thiếu cột \"{}\".", required));
    }
  }
  std::vector<UnitInput> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    boost::json::object o;
    for (const auto& [name, index] : col) {
      if (index < rows[i].size() && !text::trim(rows[i][index]).empty()) o[name] = rows[i][index];
    }
    if (auto* a = o.if_contains("active")) {
      std::string v = text::to_lower_ascii(a->as_string());
      *a = !(v == "0" || v == "false" || v == "không");
    }
    if (auto* so = o.if_contains("sort_order")) {
      try {
        *so = std::stoll(std::string(so->as_string()));
      } catch (...) {
        return Error::invalid(fmt::format("Dòng {}: sort_order phải là số.", i + 1));
      }
    }
    auto in = read_unit_input(o, true);
    if (!in.ok()) {
      return Error(422, "unit.import_failed",
                   fmt::format("Dòng {}: {}", i + 1, in.error().message()),
                   boost::json::object{{"row", i + 1}, {"problem", in.error().details()}});
    }
    in->source_row = i + 1;
    out.push_back(std::move(*in));
  }
  return out;
}

Result<std::vector<UnitInput>> units_from_json(const boost::json::value& doc) {
  const boost::json::array* arr = nullptr;
  if (doc.is_array())
    arr = &doc.as_array();
  else if (doc.is_object() && doc.as_object().contains("units") && doc.at("units").is_array())
    arr = &doc.at("units").as_array();
  if (arr == nullptr)
    return Error::invalid("Dữ liệu nhập cần là mảng đơn vị hoặc {\"units\": [...]}.");
  std::vector<UnitInput> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto in = read_unit_input((*arr)[i], true);
    if (!in.ok()) {
      return Error(422, "unit.import_failed",
                   fmt::format("Đơn vị thứ {}: {}", i + 1, in.error().message()),
                   boost::json::object{{"row", i + 1}, {"problem", in.error().details()}});
    }
    in->source_row = i + 1;
    out.push_back(std::move(*in));
  }
  return out;
}

namespace {

std::string parent_code_of(const Unit& u, const std::vector<Unit>& all) {
  if (!u.parent_id) return {};
  for (const auto& p : all) {
    if (p.id == *u.parent_id) return p.code;
  }
  return {};
}

}  // namespace

std::string units_to_csv(const std::vector<Unit>& units, const std::vector<Unit>& all) {
  csv::Writer w;
  w.row({"code", "parent_code", "name", "short_name", "level", "kind", "address", "phone", "email",
         "active", "sort_order"});
  for (const auto& u : units) {
    w.row({u.code, parent_code_of(u, all), u.name, u.short_name, u.level, u.kind,
           u.address.value_or(""), u.phone.value_or(""), u.email.value_or(""), u.active ? "1" : "0",
           std::to_string(u.sort_order)});
  }
  return w.str();
}

boost::json::object units_to_json(const std::vector<Unit>& units, const std::vector<Unit>& all) {
  boost::json::array arr;
  for (const auto& u : units) {
    boost::json::object o = unit_json(u);
    o.erase("id");
    o.erase("parent_id");
    o.erase("version");
    o.erase("kind_label");
    o.erase("level_label");
    std::string pc = parent_code_of(u, all);
    o["parent_code"] = pc.empty() ? boost::json::value(nullptr) : boost::json::value(pc);
    arr.push_back(std::move(o));
  }
  return boost::json::object{{"units", std::move(arr)}};
}

}  // namespace tinhso::identity
