// The reporting module's closed lists of values with their labels (core/module/vocabulary.h).
#pragma once

#include <vector>

#include "core/module/vocabulary.h"

namespace tinhso::reporting {

std::vector<Vocabulary> vocabularies();

}  // namespace tinhso::reporting
