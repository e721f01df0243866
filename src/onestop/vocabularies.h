// The closed lists of values the one-stop API speaks, with their Vietnamese labels: dossier
// statuses and actions, submission channels, online service modes and the rules that place a
// procedure's steps (served by GET /api/v1/vocabularies).
#pragma once

#include <vector>

#include "core/module/vocabulary.h"

namespace tinhso::onestop {

std::vector<Vocabulary> vocabularies();

// The submission channels (online, desk, postal) with their short labels (lists, statistics).
const Vocabulary& channels();

}  // namespace tinhso::onestop
