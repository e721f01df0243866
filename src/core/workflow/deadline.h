// Deadlines in working time, shared by dossiers (one-stop) and document handling: when a
// deadline falls, how pauses move it, and whether work finished early, on time or late.
//
// Rules (docs/calendar.md, docs/onestop.md):
//  * Early: finished on a working day before the due day. On time: on the due day, at or
//    before the due time. Late: after the due time.
//  * A pause (supplement request, fee request, suspension) stops the clock: the working time
//    left at the pause is counted again from the resumption. A pause that starts after the
//    deadline has passed does not move it (lateness is never erased).
//  * Procedures may instead restart the whole processing time on resumption.
#pragma once

#include <optional>
#include <string_view>

#include "core/calendar/working_calendar.h"

namespace tinhso::workflow {

enum class Timeliness { kEarly, kOnTime, kLate };
std::string_view timeliness_name(Timeliness t);      // early | on_time | late
std::string_view timeliness_label_vi(Timeliness t);  // Trước hạn | Đúng hạn | Quá hạn

Timeliness classify(Instant finished, Instant due);

// The due time after a pause from `paused_at` to `resumed_at`.
Instant resume_due(const calendar::WorkingCalendar& cal, Instant due, Instant paused_at,
                   Instant resumed_at, bool restart, int64_t total_working_seconds);

// Working time left before `due` at `now` (0 when past due).
int64_t remaining(const calendar::WorkingCalendar& cal, Instant now, Instant due);

enum class Urgency { kOk, kNearDue, kOverdue };
inline constexpr Urgency kUrgencies[] = {Urgency::kOk, Urgency::kNearDue, Urgency::kOverdue};
std::string_view urgency_name(Urgency u);      // ok | near_due | overdue
std::string_view urgency_label_vi(Urgency u);  // "Sắp đến hạn"
Urgency urgency(const calendar::WorkingCalendar& cal, Instant now, Instant due,
                int64_t warning_seconds);

}  // namespace tinhso::workflow
