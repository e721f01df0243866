// Vocabulary: a closed list of values the API speaks — a dossier's statuses, the submission
// channels, unit kinds, roles — each with the Vietnamese label people read. Core and every
// module declare theirs (ModuleDef::vocabularies); GET /api/v1/vocabularies serves them all, so
// that screens show the server's words instead of keeping copies that drift from it.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso {

struct Term {
  std::string key;    // as stored and as the API speaks it: "in_progress"
  std::string label;  // as people read it: "Đang xử lý"
  // Still labels old data but is no longer offered for new entries (the district level after
  // 30 June 2025); "retired": true in the API.
  bool retired = false;
};

struct Vocabulary {
  std::string name;  // lower_snake_case, unique across core and modules: "dossier_statuses"
  std::vector<Term> terms;
};

// The vocabulary of an enum: every value of `all`, in order, named and labelled by the enum's
// own functions (so the two cannot disagree).
template <class Enum, std::size_t N, class NameOf, class LabelOf>
Vocabulary vocabulary_of(std::string name, const Enum (&all)[N], NameOf name_of, LabelOf label_of) {
  Vocabulary v{std::move(name), {}};
  for (Enum e : all) v.terms.push_back({std::string(name_of(e)), std::string(label_of(e))});
  return v;
}

// The label of `key`, or the key itself when the vocabulary does not know it (old data).
std::string_view label_in(const Vocabulary& v, std::string_view key);

// {"<name>": [{"key", "label"}, …], …}
boost::json::object vocabularies_json(std::span<const Vocabulary> vocabularies);

}  // namespace tinhso
