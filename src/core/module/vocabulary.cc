#include "core/module/vocabulary.h"

namespace tinhso {

std::string_view label_in(const Vocabulary& v, std::string_view key) {
  for (const Term& t : v.terms)
    if (t.key == key) return t.label;
  return key;
}

boost::json::object vocabularies_json(std::span<const Vocabulary> vocabularies) {
  boost::json::object out;
  for (const Vocabulary& v : vocabularies) {
    boost::json::array terms;
    for (const Term& t : v.terms) {
      boost::json::object term{{"key", t.key}, {"label", t.label}};
      if (t.retired) term["retired"] = true;
      terms.push_back(std::move(term));
    }
    out[v.name] = std::move(terms);
  }
  return out;
}

}  // namespace tinhso
