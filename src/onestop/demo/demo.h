// Demo one-stop data (procedures, citizens' accounts, a year of dossiers); see the .cc file.
// The one-stop module's step of `tinhso demo` (ModuleDef::demo).
#pragma once

#include <string>

#include "core/demo/rng.h"
#include "core/module/module.h"
#include "onestop/module.h"

namespace tinhso::onestop::demo {

struct OneStopDemoOptions {
  uint64_t seed = 2026;
  int dossiers = 50000;
  // Dossiers run through the real service (the most recent year); the rest are copies of the
  // finished ones in the years before.
  int templates = 3000;
  int days = 365;      // the service-run dossiers are spread over this many past days
  int years = 4;       // copies fill the years before
  int citizens = 300;  // applicant accounts that submit online
};

struct OneStopDemo {
  int procedures = 0;
  int dossiers = 0;
};

Result<OneStopDemo> build_onestop_demo(OneStop& m, const OneStopDemoOptions& o);

// The module's demo step: the options from the context; the line reports what was made.
Result<std::string> build(Module& module, const DemoContext& context);

}  // namespace tinhso::onestop::demo
