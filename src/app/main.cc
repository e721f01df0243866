// tinhso: provincial e-government platform. See README.md.
#include "app/cli.h"

int main(int argc, char** argv) {
  return tinhso::app::run_cli(argc, argv);
}
