#include "app/cli.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <map>

#include "app/allocator.h"
#include "app/app.h"
#include "app/commands.h"
#include "app/modules.h"
#include "app/restore.h"
#include "core/base/log.h"

namespace tinhso::app {
namespace {

struct Globals {
  std::string config_file;
  std::vector<std::string> sets;
  std::string database;
  std::string data_dir;
};

Result<Config> load(const Globals& g, std::vector<std::string> extra_sets) {
  ConfigInputs in;
  in.file = g.config_file;
  if (in.file.empty() && std::filesystem::exists("tinhso.toml")) in.file = "tinhso.toml";
  in.env = tinhso_environment();
  in.overrides = g.sets;
  if (!g.data_dir.empty()) in.overrides.push_back("data_dir=" + g.data_dir);
  if (!g.database.empty()) in.overrides.push_back("database.url=" + g.database);
  for (auto& s : extra_sets) in.overrides.push_back(std::move(s));
  return load_config(in, config_sections_of(default_modules()));
}

// Opens the app for a command-line tool; prints the error and returns null on failure.
std::unique_ptr<App> open_app(const Globals& g, bool migrate, std::vector<std::string> extra = {}) {
  auto config = load(g, std::move(extra));
  if (!config.ok()) {
    std::fprintf(stderr, "tinhso: %s\n", config.error().message().c_str());
    return nullptr;
  }
  auto app = App::open(std::move(*config));
  if (!app.ok()) {
    std::fprintf(stderr, "tinhso: cannot open the database: %s\n", app.error().describe().c_str());
    return nullptr;
  }
  if (migrate) {
    auto s = (*app)->migrate();
    if (!s.ok()) {
      std::fprintf(stderr, "tinhso: migration failed: %s\n", s.error().describe().c_str());
      return nullptr;
    }
  }
  return std::move(*app);
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{
      "tinhso — provincial e-government platform (one-stop services, documents, reporting)"};
  cli.require_subcommand(1);
  Globals g;
  cli.add_option("-c,--config", g.config_file,
                 "TOML configuration file (default: ./tinhso.toml if present)");
  cli.add_option("--set", g.sets,
                 "Override a configuration key, e.g. --set server.listen=0.0.0.0:8080");
  cli.add_option("--database", g.database,
                 "Database URL: sqlite:<file> or postgresql://user@host:port/db");
  cli.add_option("--data-dir", g.data_dir, "Data directory (SQLite file, attachments, backups)");

  auto* serve =
      cli.add_subcommand("serve", "Run the HTTP server (applies pending migrations first)");
  std::string listen, web_root;
  bool no_migrate = false;
  serve->add_option("--listen", listen, "Address:port to listen on (default 127.0.0.1:8080)");
  serve->add_option("--web-root", web_root, "Directory of the built web front end");
  serve->add_flag("--no-migrate", no_migrate,
                  "Refuse to start if migrations are pending instead of applying them");

  auto* migrate =
      cli.add_subcommand("migrate", "Apply database migrations and shipped reference data");

  auto* admin =
      cli.add_subcommand("admin", "Manage officials: create users, reset passwords, grant roles");
  admin->require_subcommand(1);
  CreateUserArgs cu;
  auto* create_user =
      admin->add_subcommand("create-user", "Create an official (and optionally grant a role)");
  create_user->add_option("--username", cu.username, "Login name (a-z, 0-9, . _ -)")->required();
  create_user->add_option("--full-name", cu.full_name, "Full name")->required();
  create_user->add_option("--unit-code", cu.unit_code, "Agency code of the official's unit")
      ->required();
  create_user->add_option("--role", cu.role,
                          "Role to grant in that unit (system_admin, unit_admin, desk_officer, "
                          "specialist, leader, clerk)");
  create_user->add_flag("--include-subunits", cu.include_subunits,
                        "The role also covers sub-units");
  create_user->add_option("--password", cu.password,
                          "Password (default: generate a temporary one)");
  create_user->add_option("--position", cu.position, "Position (chức vụ)");
  std::string username, password, role, unit_code;
  bool include_subunits = false;
  auto* reset =
      admin->add_subcommand("reset-password", "Set a new password (temporary unless given)");
  reset->add_option("--username", username)->required();
  reset->add_option("--password", password, "New password (default: generate a temporary one)");
  auto* grant = admin->add_subcommand("grant", "Grant a role in a unit");
  auto* revoke = admin->add_subcommand("revoke", "Revoke a role in a unit");
  for (auto* sub : {grant, revoke}) {
    sub->add_option("--username", username)->required();
    sub->add_option("--role", role)->required();
    sub->add_option("--unit-code", unit_code)->required();
  }
  grant->add_flag("--include-subunits", include_subunits);
  auto* list_users = admin->add_subcommand("list-users", "List officials");
  list_users->add_option("--unit-code", unit_code, "Only this unit");

  std::string file, format = "", out;
  auto* import = cli.add_subcommand(
      "import", "Load the organisation tree from CSV or JSON (create or update by code)");
  import->add_option("--file", file, "CSV or JSON file")->required();
  import->add_option("--format", format, "csv or json (default: from the file name)");
  auto* export_cmd = cli.add_subcommand("export", "Write the organisation tree as CSV or JSON");
  export_cmd->add_option("--out", out, "Output file (default: standard output)");
  export_cmd->add_option("--format", format, "csv (default) or json");

  auto* units = cli.add_subcommand("units", "Organisation tree tools");
  units->require_subcommand(1);
  ReorganiseArgs reorg;
  auto* reorganise = units->add_subcommand(
      "reorganise",
      "Reorganise units (merge, split, move, rename, re-code) from a plan file: check it with "
      "--dry-run, or accept and apply it; --resume ID finishes an interrupted apply");
  auto* plan_opt = reorganise->add_option("--plan", reorg.plan_file, "Plan file (JSON)");
  reorganise->add_flag("--dry-run", reorg.dry_run,
                       "Report what the plan would move and every problem; change nothing");
  reorganise->add_flag("--backdate", reorg.backdate,
                       "Allow an effective day in the past (recording a reorganisation that "
                       "already happened)");
  auto* resume_opt =
      reorganise->add_option("--resume", reorg.resume_id, "Resume the apply of plan ID");
  plan_opt->excludes(resume_opt);

  DemoOptions demo_opts;
  auto* demo =
      cli.add_subcommand("demo", "Fill the database with a deterministic synthetic province");
  demo->add_option("--seed", demo_opts.seed, "Random seed (same seed, same province)");
  demo->add_option("--dossiers", demo_opts.dossiers,
                   "One-stop dossiers to generate over the past year (through the real workflow)")
      ->check(CLI::Range(0, 10000000));
  demo->add_option("--province", demo_opts.province,
                   "Province code: H47 (Tỉnh An Khang, default) or another, e.g. H48, for a second "
                   "installation without one-stop data (document exchange)")
      ->check([](const std::string& v) {
        return v.size() == 3 && (v[0] == 'H' || v[0] == 'G') && std::isdigit(v[1]) &&
                       std::isdigit(v[2])
                   ? std::string()
                   : std::string("a province code such as H48");
      });
  bool without_reform = false;
  demo->add_flag(
      "--without-reform", without_reform,
      "Stop before the reform of 1 July 2025: the three-level province with its history to today "
      "(for rehearsing reorganisations)");
  demo->add_flag("--force", demo_opts.force,
                 "Add the demo data even if the database already has units");

  auto* backup = cli.add_subcommand(
      "backup", "Consistent online backup (SQLite); prints pg_dump guidance for PostgreSQL");
  backup->add_option("--out", out, "Backup file (default: <data_dir>/backups/tinhso-<time>.db)");

  auto* restore = cli.add_subcommand("restore", "After putting a backup back in place");
  restore->require_subcommand(1);
  auto* restore_finish = restore->add_subcommand(
      "finish",
      "Move dossier codes, register numbers and feedback codes past the backup's time, so that "
      "none issued after it is issued again; the server serves a restored copy only after this");
  RestoreArgs restore_args;
  restore_finish->add_option("--taken-at", restore_args.taken_at,
                             "When the backup was taken (RFC 3339); required for PostgreSQL "
                             "dumps, read from the copy for `tinhso backup` files");
  restore_finish->add_option("--margin", restore_args.margin,
                             "The least numbers every counter skips (each is estimated from "
                             "its own pace and may skip more)");
  restore_finish
      ->add_option("--issued", restore_args.issued_file,
                   "File of dossier and feedback codes known to be issued after the backup, "
                   "one per line (the national portal's dossier codes, receipts)")
      ->check(CLI::ExistingFile);

  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify",
      "Check every hash chain (keyed with the audit key) and the signed checkpoints; report the "
      "first broken link");
  std::string checkpoints_file, public_key_file, verify_until;
  verify->add_option("--checkpoints", checkpoints_file,
                     "Checkpoint lines to check against (default: audit.checkpoint_file if it "
                     "exists); use a copy kept outside this machine");
  verify->add_option("--public-key", public_key_file,
                     "The checkpoint key's public half (default: audit-checkpoint.pub in "
                     "audit.keys_dir)");
  verify->add_option("--until", verify_until,
                     "Check only the checkpoints taken at or before this time (RFC 3339): after a "
                     "restore, the time of the backup; later ones name entries it removed");

  // The modules' tools: `tinhso <group> <name> [args…]`, each module parsing its own args.
  struct ModuleTool {
    const ModuleDef* def;
    const ModuleCommand* command;
    CLI::App* sub;
  };
  std::vector<ModuleTool> module_tools;
  std::map<std::string_view, CLI::App*> groups;
  for (const ModuleDef* def : default_modules()) {
    for (const ModuleCommand& command : def->commands) {
      CLI::App*& group = groups[command.group];
      if (group == nullptr) {
        group = cli.add_subcommand(std::string(command.group), std::string(command.group_summary));
        group->require_subcommand(1);
      }
      auto* sub = group->add_subcommand(std::string(command.name), std::string(command.summary));
      sub->allow_extras();
      module_tools.push_back({def, &command, sub});
    }
  }

  auto* version = cli.add_subcommand("version", "Print the version");
  auto* openapi = cli.add_subcommand(
      "openapi", "Print the API's OpenAPI document (the front end generates its types from it)");
  auto* config_cmd = cli.add_subcommand("config", "Configuration tools");
  config_cmd->require_subcommand(1);
  auto* sample = config_cmd->add_subcommand("sample", "Print the documented sample configuration");

  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::printf("tinhso %s\n", TINHSO_VERSION);
    return 0;
  }
  if (sample->parsed()) {
    std::fputs(sample_config(config_sections_of(default_modules())).c_str(), stdout);
    return 0;
  }

  if (serve->parsed()) {
    std::vector<std::string> extra;
    if (!listen.empty()) extra.push_back("server.listen=" + listen);
    if (!web_root.empty()) extra.push_back("server.web_root=" + web_root);
    auto config = load(g, extra);
    if (!config.ok()) {
      std::fprintf(stderr, "tinhso: %s\n", config.error().message().c_str());
      return 2;
    }
    log::init({config->logging.level, config->logging.format, config->logging.file});
    spdlog::info("configuration: {}", config->source);
    limit_allocator_arenas(config->server.malloc_arenas);
    auto app = App::open(std::move(*config));
    if (!app.ok()) {
      spdlog::critical("cannot open the database: {}", app.error().describe());
      log::shutdown();
      return 1;
    }
    Status s = no_migrate ? Status() : (*app)->migrate();
    if (s.ok() && no_migrate) {
      auto ready = (*app)->ready();
      if (!ready.ok() || !*ready)
        s = Error::unavailable("migrations are pending; run `tinhso migrate`");
      else
        s = (*app)->bind_audit_key();
    }
    if (s.ok()) s = (*app)->serve();
    if (!s.ok()) spdlog::critical("{}", s.error().describe());
    app->reset();
    log::shutdown();
    return s.ok() ? 0 : 1;
  }

  log::init({"warn", "text", ""});
  int rc = 1;
  if (migrate->parsed()) {
    log::init({"info", "text", ""});
    rc = open_app(g, true) ? 0 : 1;
    if (rc == 0) std::puts("Database is up to date.");
  } else if (create_user->parsed()) {
    if (auto app = open_app(g, true)) rc = admin_create_user(*app, cu);
  } else if (reset->parsed()) {
    if (auto app = open_app(g, true)) rc = admin_reset_password(*app, username, password);
  } else if (grant->parsed() || revoke->parsed()) {
    if (auto app = open_app(g, true))
      rc = admin_grant(*app, username, role, unit_code, include_subunits, revoke->parsed());
  } else if (list_users->parsed()) {
    if (auto app = open_app(g, true)) rc = admin_list_users(*app, unit_code);
  } else if (import->parsed()) {
    if (auto app = open_app(g, true)) rc = import_units_file(*app, file, format);
  } else if (export_cmd->parsed()) {
    if (auto app = open_app(g, true))
      rc = export_units_file(*app, out, format.empty() ? "csv" : format);
  } else if (reorganise->parsed()) {
    if (reorg.plan_file.empty() && reorg.resume_id <= 0) {
      std::fputs("tinhso units reorganise: --plan FILE or --resume ID is required\n", stderr);
      rc = 1;
    } else if (auto app = open_app(g, true)) {
      rc = reorganise_units(*app, reorg);
    }
  } else if (demo->parsed()) {
    demo_opts.reform = !without_reform;
    if (auto app = open_app(g, true)) rc = build_demo(*app, demo_opts);
  } else if (backup->parsed()) {
    if (auto app = open_app(g, false)) rc = backup_database(*app, out);
  } else if (openapi->parsed()) {
    // Migrated so that closing the app finds the tables its bookkeeping expects.
    if (auto app = open_app(g, true)) {
      std::puts(app->openapi().c_str());
      rc = 0;
    }
  } else if (restore_finish->parsed()) {
    if (auto app = open_app(g, true)) rc = finish_restore(*app, restore_args);
  } else if (verify->parsed()) {
    if (auto app = open_app(g, false))
      rc = audit_verify(*app, checkpoints_file, public_key_file, verify_until);
  } else {
    for (const auto& tool : module_tools) {
      if (!tool.sub->parsed()) continue;
      if (auto app = open_app(g, tool.command->migrate))
        rc = run_module_command(*app, *tool.def, *tool.command, tool.sub->remaining());
    }
  }
  log::shutdown();
  return rc;
}

}  // namespace tinhso::app
