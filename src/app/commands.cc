#include "app/commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/audit/change_log.h"
#include "core/audit/checkpoints.h"
#include "core/base/file_io.h"
#include "core/base/json.h"
#include "core/identity/officials.h"
#include "core/identity/passwords.h"
#include "core/identity/units.h"
#include "core/storage/sqlite_database.h"

namespace tinhso::app {
namespace {

audit::Actor cli_actor(const char* what) {
  audit::Actor a = audit::Actor::system(fmt::format("Dòng lệnh tinhso ({})", what));
  a.kind = "system";
  return a;
}

int fail(const Error& e) {
  std::fprintf(stderr, "tinhso: %s\n", e.message().c_str());
  if (e.details().is_object())
    std::fprintf(stderr, "  %s\n", boost::json::serialize(e.details()).c_str());
  if (!e.internal_detail().empty()) std::fprintf(stderr, "  (%s)\n", e.internal_detail().c_str());
  return 1;
}

Result<identity::Unit> unit_by_code(App& app, const std::string& code) {
  return app.db().read([&](storage::Tx& tx) -> Result<identity::Unit> {
    TS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM units WHERE code = $1", {code}));
    if (rows.empty()) return Error::not_found(fmt::format("Không có đơn vị mã {}.", code));
    return identity::get_unit(tx, rows.front().i64(0));
  });
}

Result<int64_t> official_id(App& app, const std::string& username) {
  return app.db().read([&](storage::Tx& tx) -> Result<int64_t> {
    auto id = identity::find_official_id(tx, username);
    if (!id)
      return Error::not_found(fmt::format("Không có cán bộ với tên đăng nhập {}.", username));
    return *id;
  });
}

}  // namespace

int admin_create_user(App& app, const CreateUserArgs& a) {
  auto unit = unit_by_code(app, a.unit_code);
  if (!unit.ok()) return fail(unit.error());
  std::optional<identity::Role> role;
  if (!a.role.empty()) {
    role = identity::parse_role(a.role);
    if (!role) return fail(Error::invalid(fmt::format("Vai trò không hợp lệ: {}", a.role)));
  }
  boost::json::object input{
      {"unit_id", unit->id}, {"username", a.username}, {"full_name", a.full_name}};
  if (!a.password.empty()) input["password"] = a.password;
  if (!a.position.empty()) input["position"] = a.position;
  auto in = identity::read_official_input(input, true);
  if (!in.ok()) return fail(in.error());
  std::string temporary = a.password.empty() ? identity::temporary_password() : "";
  std::string hash = app.services().passwords.hash(a.password.empty() ? temporary : a.password);
  auto created = app.services().changes.apply(
      cli_actor("admin create-user"), [&](audit::ChangeTx& tx) -> Result<int64_t> {
        TS_ASSIGN_OR_RETURN(auto o, identity::create_official(tx, *in, hash, !temporary.empty()));
        if (role)
          TS_TRY(identity::grant_role(tx, o.id, *role, unit->id, a.include_subunits, std::nullopt));
        return o.id;
      });
  if (!created.ok()) return fail(created.error());
  std::printf("Created official %s (id %lld) in %s.\n", a.username.c_str(),
              static_cast<long long>(*created), unit->name.c_str());
  if (!temporary.empty())
    std::printf("Temporary password (must be changed at first login): %s\n", temporary.c_str());
  return 0;
}

int admin_reset_password(App& app, const std::string& username, const std::string& password) {
  auto id = official_id(app, username);
  if (!id.ok()) return fail(id.error());
  if (!password.empty()) {
    std::string problem = identity::password_problem(password, username);
    if (!problem.empty()) return fail(Error::validation("password", problem));
  }
  std::string value = password.empty() ? identity::temporary_password() : password;
  std::string hash = app.services().passwords.hash(value);
  auto s =
      app.services().changes.apply(cli_actor("admin reset-password"), [&](audit::ChangeTx& tx) {
        return identity::set_official_password(tx, *id, hash, password.empty());
      });
  if (!s.ok()) return fail(s.error());
  if (password.empty())
    std::printf("Temporary password for %s: %s\n", username.c_str(), value.c_str());
  else
    std::printf("Password of %s changed.\n", username.c_str());
  return 0;
}

int admin_grant(App& app, const std::string& username, const std::string& role_text,
                const std::string& unit_code, bool include_subunits, bool revoke) {
  auto id = official_id(app, username);
  if (!id.ok()) return fail(id.error());
  auto unit = unit_by_code(app, unit_code);
  if (!unit.ok()) return fail(unit.error());
  auto role = identity::parse_role(role_text);
  if (!role) return fail(Error::invalid(fmt::format("Vai trò không hợp lệ: {}", role_text)));
  Status s = app.services().changes.apply(
      cli_actor(revoke ? "admin revoke" : "admin grant"), [&](audit::ChangeTx& tx) -> Status {
        if (!revoke) {
          TS_TRY(identity::grant_role(tx, *id, *role, unit->id, include_subunits, std::nullopt));
          return ok_status();
        }
        TS_ASSIGN_OR_RETURN(
            auto rows,
            tx.sql().query("SELECT id FROM role_grants WHERE official_id = $1 AND role = $2 "
                           "AND unit_id = $3",
                           {*id, role_text, unit->id}));
        if (rows.empty()) return Error::not_found("Cán bộ không có vai trò này tại đơn vị này.");
        return identity::revoke_grant(tx, *id, rows.front().i64(0));
      });
  if (!s.ok()) return fail(s.error());
  std::printf("%s %s: %s at %s.\n", revoke ? "Revoked from" : "Granted to", username.c_str(),
              role_text.c_str(), unit->name.c_str());
  return 0;
}

int admin_list_users(App& app, const std::string& unit_code) {
  identity::OfficialFilter f;
  f.scope.everywhere = true;
  f.limit = 100000;
  if (!unit_code.empty()) {
    auto unit = unit_by_code(app, unit_code);
    if (!unit.ok()) return fail(unit.error());
    f.unit_id = unit->id;
  }
  auto list = app.db().read([&](storage::Tx& tx) { return identity::list_officials(tx, f); });
  if (!list.ok()) return fail(list.error());
  auto org = app.services().org.get();
  for (const auto& o : *list) {
    std::string roles;
    for (const auto& g : o.grants) {
      const auto* u = org->find(g.unit_id);
      roles += fmt::format("{}{}@{}{}", roles.empty() ? "" : ", ", identity::role_name(g.role),
                           u ? u->code : "?", g.include_subunits ? "+" : "");
    }
    std::printf("%-28s %-36s %s\n", o.username.c_str(), o.full_name.c_str(), roles.c_str());
  }
  return 0;
}

int import_units_file(App& app, const std::string& path, std::string format) {
  auto content = read_file(path);
  if (!content.ok()) return fail(content.error());
  if (format.empty()) format = path.ends_with(".json") ? "json" : "csv";
  Result<std::vector<identity::UnitInput>> rows = Error::invalid("");
  if (format == "json") {
    auto doc = json::parse(*content);
    if (!doc.ok()) return fail(doc.error());
    rows = identity::units_from_json(*doc);
  } else {
    rows = identity::units_from_csv(*content);
  }
  if (!rows.ok()) return fail(rows.error());
  auto report = app.services().changes.apply(
      cli_actor("import"), [&](audit::ChangeTx& tx) { return identity::import_units(tx, *rows); });
  if (!report.ok()) return fail(report.error());
  std::printf("Units: %d created, %d updated, %d unchanged.\n", report->created, report->updated,
              report->unchanged);
  return 0;
}

int reorganise_units(App& app, const ReorganiseArgs& a) {
  identity::Reorganiser& reorganiser = app.reorganiser();
  auto print = [](const identity::Reorganisation& r) {
    std::printf("Reorganisation #%lld \"%s\" (%s, effective %s): %s; %lld of %lld items moved.\n",
                static_cast<long long>(r.id), r.title.c_str(), r.legal_basis.c_str(),
                format_iso_date(r.effective_on).c_str(), r.status.c_str(),
                static_cast<long long>(r.moved), static_cast<long long>(r.to_move));
  };
  if (a.resume_id > 0) {
    auto r = reorganiser.apply(cli_actor("units reorganise"), a.resume_id);
    if (!r.ok()) return fail(r.error());
    print(*r);
    return 0;
  }
  // A plan is a regular file of reasonable size (not a device or a pipe read without end).
  std::error_code size_error;
  if (!std::filesystem::is_regular_file(a.plan_file, size_error) ||
      std::filesystem::file_size(a.plan_file, size_error) > 64 * 1024 * 1024) {
    std::fprintf(stderr, "tinhso: %s is not a plan file (a regular JSON file up to 64 MiB)\n",
                 a.plan_file.c_str());
    return 1;
  }
  auto content = read_file(a.plan_file);
  if (!content.ok()) return fail(content.error());
  auto doc = json::parse(*content);
  if (!doc.ok()) return fail(doc.error());
  auto plan = identity::read_plan(*doc);
  if (!plan.ok()) return fail(plan.error()) + 1;
  if (a.dry_run) {
    auto report = reorganiser.dry_run(*plan, a.backdate);
    if (!report.ok()) return fail(report.error());
    std::printf("%s\n", boost::json::serialize(*report).c_str());
    return report->at("problems").as_array().empty() ? 0 : 2;
  }
  auto r = reorganiser.submit(cli_actor("units reorganise"), *plan, a.backdate, true);
  if (!r.ok())
    return r.error().code() == "reorganisation.invalid_plan" ? fail(r.error()) + 1
                                                             : fail(r.error());
  print(*r);
  return 0;
}

int export_units_file(App& app, const std::string& path, const std::string& format) {
  identity::UnitFilter f;
  f.include_inactive = true;
  auto units = app.db().read([&](storage::Tx& tx) { return identity::list_units(tx, f); });
  if (!units.ok()) return fail(units.error());
  std::string data = format == "json"
                         ? boost::json::serialize(identity::units_to_json(*units, *units))
                         : identity::units_to_csv(*units, *units);
  if (path.empty()) {
    std::fwrite(data.data(), 1, data.size(), stdout);
    return 0;
  }
  std::ofstream out(path, std::ios::binary);
  out << data;
  if (!out) return fail(Error::internal(fmt::format("cannot write {}", path)));
  std::printf("Wrote %zu units to %s.\n", units->size(), path.c_str());
  return 0;
}

int backup_database(App& app, const std::string& out) {
  if (app.config().is_postgres()) {
    std::printf(
        "PostgreSQL: back up with the server's own tools, for example\n"
        "  pg_dump --format=custom --file=tinhso-$(date +%%Y%%m%%d-%%H%%M).dump '%s'\n"
        "and restore with pg_restore, then `tinhso restore finish --taken-at TIME` with the time\n"
        "the dump started (`date -Iseconds`; keep it with the dump). For point-in-time recovery,\n"
        "enable WAL archiving (see docs/operations.md). Uploaded files are stored in the\n"
        "database and are included.\n",
        app.config().database.url.c_str());
    return 0;
  }
  auto* sqlite = dynamic_cast<storage::SqliteDatabase*>(&app.db());
  if (sqlite == nullptr) return fail(Error::internal("not a SQLite database"));
  std::string target = out;
  if (target.empty()) {
    auto t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char name[64];
    std::strftime(name, sizeof name, "tinhso-%Y%m%d-%H%M%S.db", &tm);
    target = (std::filesystem::path(app.config().data_dir) / "backups" / name).string();
  }
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(target).parent_path(), ec);
  auto s = sqlite->backup_to(target, app.clock().now());
  if (!s.ok()) return fail(s.error());
  std::printf("Backup written to %s (%lld bytes).\n", target.c_str(),
              static_cast<long long>(std::filesystem::file_size(target, ec)));
  return 0;
}

int audit_verify(App& app, std::string checkpoints_file, std::string public_key_file,
                 const std::string& until) {
  const Config& c = app.config();
  std::optional<int64_t> until_ms;
  if (!until.empty()) {
    auto at = parse_rfc3339(until);
    if (!at.ok()) return fail(Error::invalid("--until: " + at.error().message()));
    until_ms = to_millis(*at);
  }
  int64_t skipped = 0;
  audit::VerifyOptions options;
  const audit::AuditKeys& keys = app.audit_keys();
  if (keys.on_disk)
    options.key = &keys.hmac;
  else
    std::printf("No audit key in %s: keyed entries cannot be checked.\n",
                c.audit_keys_dir().c_str());
  bool explicit_file = !checkpoints_file.empty();
  if (!explicit_file) checkpoints_file = c.audit_checkpoint_file();
  if (public_key_file.empty())
    public_key_file =
        (std::filesystem::path(c.audit_keys_dir()) / audit::kCheckpointPublicFile).string();
  std::error_code ec;
  if (explicit_file || std::filesystem::exists(checkpoints_file, ec)) {
    auto text = read_file(checkpoints_file);
    auto pem = read_file(public_key_file);
    if (!text.ok()) return fail(text.error());
    if (!pem.ok()) return fail(pem.error());
    auto key = audit::CheckpointKey::from_public_pem(*pem);
    if (!key.ok()) return fail(key.error());
    auto checkpoints = audit::read_checkpoints(*text, *key);
    if (!checkpoints.ok()) {
      std::printf("CHECKPOINTS REFUSED: %s\n", checkpoints.error().message().c_str());
      return 3;
    }
    for (auto& cp : *checkpoints) {
      if (until_ms && cp.at_ms > *until_ms) {
        ++skipped;
        continue;
      }
      options.checkpoints.emplace_back(format_rfc3339(from_millis(cp.at_ms)), std::move(cp.chains));
    }
  }
  if (skipped > 0)
    std::printf("%lld signed checkpoints taken after %s not checked (--until).\n",
                static_cast<long long>(skipped), until.c_str());
  auto report = audit::verify(app.db(), options);
  if (!report.ok()) return fail(report.error());
  if (report->ok) {
    std::printf(
        "Audit log intact: %lld entries in %d chains verified (%lld written before the audit "
        "key), %lld signed checkpoints match.\n",
        static_cast<long long>(report->entries_checked), audit::kChains,
        static_cast<long long>(report->legacy_entries),
        static_cast<long long>(report->checkpoints_checked));
    return 0;
  }
  std::printf("AUDIT LOG BROKEN at chain %d, sequence %lld (audit id %lld): %s\n", report->chain,
              static_cast<long long>(report->seq), static_cast<long long>(report->audit_id),
              report->reason.c_str());
  std::printf("Entries verified before the break: %lld\n",
              static_cast<long long>(report->entries_checked));
  return 3;
}

int run_module_command(App& app, const ModuleDef& def, const ModuleCommand& command,
                       const std::vector<std::string>& args) {
  Module* module = app.module_named(def.name);
  if (module == nullptr) return fail(Error::internal(fmt::format("no module {}", def.name)));
  auto s = command.run(*module, args);
  return s.ok() ? 0 : fail(s.error());
}

}  // namespace tinhso::app
