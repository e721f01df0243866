// The feedback module's closed lists of values with their Vietnamese labels
// (core/module/vocabulary.h), served by GET /api/v1/vocabularies.
#pragma once

#include <vector>

#include "core/module/vocabulary.h"

namespace tinhso::feedback {

std::vector<Vocabulary> vocabularies();

}  // namespace tinhso::feedback
