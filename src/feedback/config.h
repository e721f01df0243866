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
  // Complaints (Luật Khiếu nại 2011, Art. 27–28) and denunciations (Luật Tố cáo 2018, Art. 24
  // and 30) routed out of feedback: working days to accept, calendar days to decide from the
  // acceptance (verify each against the texts in force).
  int complaint_accept_working_days = 10;
  int complaint_decide_days = 30;
  int complaint_decide_days_complex = 45;
  int complaint_decide_days_remote = 45;  // remote, hard-to-reach areas (vùng sâu, vùng xa)
  int complaint_decide_days_remote_complex = 60;
  int denunciation_accept_working_days = 7;
  int denunciation_decide_days = 30;
  int denunciation_extension_days = 30;  // per extension: once if complex, twice if very complex
};

std::span<const ConfigSection> config_sections();

}  // namespace tinhso::feedback
