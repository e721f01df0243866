// The demo province's catalogue data, read from resources/demo/: the procedures written out
// with their internal process and routing (procedures.json), and the families from which the
// demo generates ~2,500 more (families.json). Data, not code: a province adapting the demo
// edits the files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace tinhso::onestop::demo {

struct DemoStep {
  std::string role;  // specialist | leader | desk_officer
  // agency | parent | agency_commune | an agency code (a fixed unit) | a division's name
  std::string unit;
  double share = 0;
};

// What changed for a procedure on 1 July 2025 (two-level local government): a district
// procedure moved down to the communes, an inter-level chain that now ends at a department.
struct Since2025 {
  std::string level, name;  // empty: unchanged
  std::vector<DemoStep> steps;
};

struct ProcSpec {
  std::string code, name, sector_code, sector_name;
  std::string level;        // province | district | commune
  std::string agency_code;  // province departments; "" for every unit of the level
  int days = 0, hours = 0;
  std::string online;  // full | partial | none
  int64_t fee = 0;
  std::vector<std::string> papers;
  std::vector<DemoStep> steps;
  double weight = 1;  // relative frequency of dossiers
  std::optional<Since2025> since_2025;
};

struct Family {
  std::string sector_code, sector_name;
  std::string department;  // agency code of the provincial department
  std::string division;    // reviewing division at the department
  bool district = false, commune = false;
  // The division of a commune that has performed the district's part since 1 July 2025.
  std::string commune_division;
  std::vector<std::string> objects;
};

struct Verb {
  std::string prefix;
  double days_factor = 1;
};

struct DemoCatalog {
  std::vector<ProcSpec> procedures;
  std::vector<Family> families;
  std::vector<Verb> verbs;
};

// Reads and checks both files; every problem is reported with its path.
Result<DemoCatalog> load_demo_catalog();

}  // namespace tinhso::onestop::demo
