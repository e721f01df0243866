// Implementations of the command-line subcommands that act on an open App.
#pragma once

#include <optional>
#include <string>

#include "app/app.h"

namespace tinhso::app {

struct CreateUserArgs {
  std::string username, full_name, unit_code, role, password, position;
  bool include_subunits = false;
};
int admin_create_user(App& app, const CreateUserArgs& a);
int admin_reset_password(App& app, const std::string& username, const std::string& password);
int admin_grant(App& app, const std::string& username, const std::string& role,
                const std::string& unit_code, bool include_subunits, bool revoke);
int admin_list_users(App& app, const std::string& unit_code);

int import_units_file(App& app, const std::string& path, std::string format);
int export_units_file(App& app, const std::string& path, const std::string& format);
int backup_database(App& app, const std::string& out);
// `tinhso units reorganise`: checks (dry run) or accepts and applies a plan file; or resumes
// (`resume_id`) an interrupted apply. Exit codes: 0 done (or a dry run without problems),
// 2 the plan has problems (every one printed), 1 other failures.
struct ReorganiseArgs {
  std::string plan_file;
  bool dry_run = false;
  bool backdate = false;
  int64_t resume_id = 0;
};
int reorganise_units(App& app, const ReorganiseArgs& a);
// Exit codes: 0 intact, 3 broken (or a checkpoint that does not match), 1 cannot check.
// `until` (RFC 3339, may be empty): checkpoints taken after it are counted, not checked.
int audit_verify(App& app, std::string checkpoints_file, std::string public_key_file,
                 const std::string& until);
// A module's subcommand (ModuleCommand) with the words after its name.
int run_module_command(App& app, const ModuleDef& def, const ModuleCommand& command,
                       const std::vector<std::string>& args);

struct DemoOptions {
  uint64_t seed = 2026;
  bool force = false;
  int dossiers = 50000;  // one-stop dossiers spread over the past years
  // Province code (level 1 of agency codes). H47 is "Tỉnh An Khang" with its one-stop data; any
  // other builds "Tỉnh Bình Sơn" without it — a second installation to exchange documents with.
  std::string province = "H47";
  // Lives through the 2025 reform (demo_reform.h); false stops before it, with the modules'
  // history running to today at the old units (tests and benchmarks that reorganise).
  bool reform = true;
};
// Builds the demo province; returns 0 (also when it already exists).
int build_demo(App& app, const DemoOptions& o);

}  // namespace tinhso::app
