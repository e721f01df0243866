#include "onestop/vocabularies.h"

#include "onestop/dossier.h"
#include "onestop/lifecycle.h"
#include "onestop/procedure.h"

namespace tinhso::onestop {

const Vocabulary& channels() {
  static const Vocabulary kChannels{
      "channels",
      {{"online", "Trực tuyến"}, {"desk", "Trực tiếp"}, {"postal", "Bưu chính công ích"}}};
  return kChannels;
}

std::vector<Vocabulary> vocabularies() {
  static constexpr std::string_view kOnlineModes[] = {"full", "partial", "none"};
  return {
      vocabulary_of(
          "dossier_statuses", kDossierStatuses, [](DossierStatus s) { return status_name(s); },
          [](DossierStatus s) { return status_label_vi(s); }),
      vocabulary_of(
          "dossier_actions", kAllActions, [](Action a) { return action_name(a); },
          [](Action a) { return action_label_vi(a); }),
      channels(),
      vocabulary_of(
          "online_modes", kOnlineModes, [](std::string_view m) { return m; },
          [](std::string_view m) { return online_mode_label_vi(m); }),
      // Where a procedure's step is handled (the process editor); "code" and "division" carry
      // a value of their own.
      {"step_units",
       {{"agency", "Cơ quan giải quyết"},
        {"division", "Phòng chuyên môn của cơ quan"},
        {"agency_parent", "Cơ quan cấp trên (liên thông)"},
        {"applicant_commune", "UBND xã nơi người nộp cư trú"},
        {"code", "Đơn vị cố định (mã định danh)"}}},
  };
}

}  // namespace tinhso::onestop
