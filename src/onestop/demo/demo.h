// Demo one-stop data (procedures, citizens' accounts, dossiers before and since the 2025
// reform); see the .cc file.
// The one-stop module's step of `tinhso demo` (ModuleDef::demo).
#pragma once

#include <string>

#include "core/demo/rng.h"
#include "core/module/module.h"
#include "onestop/module.h"

namespace tinhso::onestop::demo {

struct OneStopDemoOptions {
  uint64_t seed = 2026;
  // The catalogue as revised on 1 July 2025 (the districts' procedures at the communes).
  bool since_reform = true;
  // Dossiers submitted on these days run through the real service; what has not happened by
  // the end of `until` (or now) stays open. Dossiers still open from before `from` carry on.
  Date from, until;
  int through_service = 1500;
  int copies = 0;      // finished dossiers copied into the years before `from`
  int years = 4;       // how many years the copies go back
  int citizens = 300;  // applicant accounts that submit online
};

struct OneStopDemo {
  int procedures = 0;
  int dossiers = 0;
};

Result<OneStopDemo> build_onestop_demo(OneStop& m, const OneStopDemoOptions& o);

// The module's demo steps (ModuleDef::demo_before_reform, ModuleDef::demo): the options from
// the context; the line reports what was made.
Result<std::string> build_before_reform(Module& module, const DemoContext& context);
Result<std::string> build(Module& module, const DemoContext& context);

}  // namespace tinhso::onestop::demo
