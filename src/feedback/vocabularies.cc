#include "feedback/vocabularies.h"

#include "feedback/lifecycle.h"

namespace tinhso::feedback {

std::vector<Vocabulary> vocabularies() {
  return {
      vocabulary_of(
          "feedback_statuses", kFeedbackStatuses, [](FeedbackStatus s) { return status_name(s); },
          [](FeedbackStatus s) { return status_label_vi(s); }),
      vocabulary_of(
          "feedback_actions", kFeedbackActions, [](FeedbackAction a) { return action_name(a); },
          [](FeedbackAction a) { return action_label_vi(a); }),
      Vocabulary{"feedback_kinds", {{"reflection", "Phản ánh"}, {"petition", "Kiến nghị"}}},
      Vocabulary{"feedback_channels",
                 {{"portal", "Cổng thông tin"},
                  {"hotline", "Đường dây nóng"},
                  {"in_person", "Trực tiếp"},
                  {"post", "Qua bưu chính"},
                  {"email", "Thư điện tử"}}},
  };
}

}  // namespace tinhso::feedback
