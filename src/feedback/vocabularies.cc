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
      vocabulary_of(
          "feedback_kinds", kKinds, [](std::string_view k) { return k; },
          [](std::string_view k) { return kind_label_vi(k); }),
      vocabulary_of(
          "feedback_channels", kChannels, [](std::string_view c) { return c; },
          [](std::string_view c) { return channel_label_vi(c); }),
  };
}

}  // namespace tinhso::feedback
