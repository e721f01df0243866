// The feedback module's settings, [feedback], declared here and loaded by core's key table
// (core/config/section.h).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/config/section.h"

namespace tinhso::feedback {

struct FeedbackConfig {
  static constexpr std::string_view kSection = "feedback";
  // The unit that receives and routes feedback; empty: the office of the provincial people's
  // committee (Văn phòng Ủy ban nhân dân tỉnh), or the committee itself without one.
  std::string reception_unit_code;
  // Working days within which an item that is not ours is forwarded (ND 20/2008, Art. 9).
  int forward_days = 5;
  // Working days to answer when the category sets none (the decree sets none: data).
  int answer_days = 10;
  // Items one phone number or e-mail address may send per day; 0: no limit.
  int per_sender_per_day = 5;
  // Photos or papers an item may carry.
  int max_attachments = 5;
};

std::span<const ConfigSection> config_sections();

}  // namespace tinhso::feedback
