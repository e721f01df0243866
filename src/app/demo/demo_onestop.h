// Demo one-stop data (procedures, citizens' accounts, a year of dossiers); see the .cc file.
#pragma once

#include "app/app.h"
#include "app/demo/rng.h"
#include "onestop/module.h"

namespace tinhso::app::demo {

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

Result<OneStopDemo> build_onestop_demo(App& app, const OneStopDemoOptions& o);

}  // namespace tinhso::app::demo
