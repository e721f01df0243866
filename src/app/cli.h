// The `tinhso` command line: serve, migrate, admin, import, export, demo, backup, audit,
// version, config.
#pragma once

namespace tinhso::app {

int run_cli(int argc, char** argv);

}  // namespace tinhso::app
