#include "reporting/vocabularies.h"

#include "reporting/lifecycle.h"
#include "reporting/periods.h"
#include "reporting/prefill.h"

namespace tinhso::reporting {

std::vector<Vocabulary> vocabularies() {
  Vocabulary sources{"report_live_sources", {}};
  for (const auto& s : live_sources())
    sources.terms.push_back({std::string(s.name), std::string(s.label)});
  return {
      vocabulary_of(
          "report_statuses", kReportStatuses, [](ReportStatus s) { return status_name(s); },
          [](ReportStatus s) { return status_label_vi(s); }),
      vocabulary_of(
          "report_actions", kReportActions, [](ReportAction a) { return action_name(a); },
          [](ReportAction a) { return action_label_vi(a); }),
      vocabulary_of(
          "report_period_types", kPeriodTypes, [](PeriodType t) { return period_type_name(t); },
          [](PeriodType t) { return period_type_label_vi(t); }),
      std::move(sources),
  };
}

}  // namespace tinhso::reporting
