// tinhso: provincial e-government platform. See README.md.
#include <string_view>

#include "app/cli.h"
#include "core/files/sandbox.h"

int main(int argc, char** argv) {
  // The document-parsing sandbox is this binary too; it starts with nothing initialised.
  if (argc == 3 && std::string_view(argv[1]) == "sandbox")
    return tinhso::files::sandbox_main(argv[2]);
  return tinhso::app::run_cli(argc, argv);
}
