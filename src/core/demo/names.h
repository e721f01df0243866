// Vietnamese names for demo data: people, districts, communes.
#pragma once

#include <string>
#include <vector>

#include "core/demo/rng.h"

namespace tinhso::demo {

// "Nguyễn Thị Thu Hà": surname, optional middle names, given name; `female` picks Thị and
// female given names.
std::string person_name(Rng& rng, bool female);

const std::vector<std::string>& district_names();  // 17, the first a city
const std::vector<std::string>& commune_names();   // enough distinct names for ~200 communes

}  // namespace tinhso::demo
