#include "core/workflow/deadline.h"

namespace tinhso::workflow {

std::string_view timeliness_name(Timeliness t) {
  switch (t) {
    case Timeliness::kEarly:
      return "early";
    case Timeliness::kOnTime:
      return "on_time";
    case Timeliness::kLate:
      return "late";
  }
  return "on_time";
}

std::string_view timeliness_label_vi(Timeliness t) {
  switch (t) {
    case Timeliness::kEarly:
      return "Trước hạn";
    case Timeliness::kOnTime:
      return "Đúng hạn";
    case Timeliness::kLate:
      return "Quá hạn";
  }
  return "";
}

Timeliness classify(Instant finished, Instant due) {
  if (finished > due) return Timeliness::kLate;
  if (local_date(finished) < local_date(due)) return Timeliness::kEarly;
  return Timeliness::kOnTime;
}

Instant resume_due(const calendar::WorkingCalendar& cal, Instant due, Instant paused_at,
                   Instant resumed_at, bool restart, int64_t total_working_seconds) {
  if (restart)
    return cal.add_working_seconds(cal.counting_start(resumed_at), total_working_seconds);
  if (paused_at >= due) return due;
  int64_t left = cal.working_seconds_between(paused_at, due);
  return cal.add_working_seconds(cal.counting_start(resumed_at), left);
}

int64_t remaining(const calendar::WorkingCalendar& cal, Instant now, Instant due) {
  return cal.working_seconds_between(now, due);
}

std::string_view urgency_name(Urgency u) {
  switch (u) {
    case Urgency::kOk:
      return "ok";
    case Urgency::kNearDue:
      return "near_due";
    case Urgency::kOverdue:
      return "overdue";
  }
  return "ok";
}

std::string_view urgency_label_vi(Urgency u) {
  switch (u) {
    case Urgency::kOk:
      return "Trong hạn";
    case Urgency::kNearDue:
      return "Sắp đến hạn";
    case Urgency::kOverdue:
      return "Quá hạn";
  }
  return "Trong hạn";
}

Urgency urgency(const calendar::WorkingCalendar& cal, Instant now, Instant due,
                int64_t warning_seconds) {
  if (now > due) return Urgency::kOverdue;
  // Consistent with the queues, which select due_at <= now + warning (in working time).
  if (remaining(cal, now, due) <= warning_seconds) return Urgency::kNearDue;
  return Urgency::kOk;
}

}  // namespace tinhso::workflow
