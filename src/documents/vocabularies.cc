#include "documents/vocabularies.h"

#include "documents/incoming.h"
#include "documents/incoming_lifecycle.h"
#include "documents/outgoing_lifecycle.h"
#include "documents/task_lifecycle.h"

namespace tinhso::documents {

std::vector<Vocabulary> vocabularies() {
  Vocabulary types{"document_types", {}};
  for (const DocType& t : doc_types())
    types.terms.push_back({std::string(t.key), std::string(t.name)});
  Vocabulary urgencies{"document_urgencies", {}};
  for (std::string_view u : kUrgencies)
    urgencies.terms.push_back({std::string(u), std::string(urgency_label_vi(u))});
  Vocabulary confidentialities{"confidentialities", {}};
  for (std::string_view c : kConfidentialities)
    confidentialities.terms.push_back({std::string(c), std::string(confidentiality_label_vi(c))});
  return {
      std::move(types),
      std::move(urgencies),
      std::move(confidentialities),
      vocabulary_of(
          "incoming_statuses", kIncomingStatuses, [](IncomingStatus s) { return status_name(s); },
          [](IncomingStatus s) { return status_label_vi(s); }),
      vocabulary_of(
          "assignment_statuses", kAssignmentStatuses,
          [](AssignmentStatus s) { return status_name(s); },
          [](AssignmentStatus s) { return status_label_vi(s); }),
      vocabulary_of(
          "assignment_roles", kAssignmentRoles, [](AssignmentRole r) { return role_name(r); },
          [](AssignmentRole r) { return role_label_vi(r); }),
      vocabulary_of(
          "outgoing_statuses", kOutgoingStatuses, [](OutgoingStatus s) { return status_name(s); },
          [](OutgoingStatus s) { return status_label_vi(s); }),
      vocabulary_of(
          "task_statuses", kTaskStatuses, [](TaskStatus s) { return status_name(s); },
          [](TaskStatus s) { return status_label_vi(s); }),
  };
}

}  // namespace tinhso::documents
