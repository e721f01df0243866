// The closed lists of values the documents API speaks, with their Vietnamese labels: document
// types, urgencies and confidentiality levels, and the statuses of incoming and outgoing
// documents, assignments and tasks (served by GET /api/v1/vocabularies).
#pragma once

#include <vector>

#include "core/module/vocabulary.h"

namespace tinhso::documents {

std::vector<Vocabulary> vocabularies();

}  // namespace tinhso::documents
