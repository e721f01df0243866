// The life of a report (one reporting unit's report of a regime for a period — Nghị định
// 09/2019/NĐ-CP; docs/reporting.md). Pure: no database, no clock, no person; service.cc writes
// the outcome in one audited transaction and access.h decides who may act.
//
//   (none) ──save──▶ draft ──save──▶ draft
//   draft | returned ──submit──▶ submitted     (no error left; warnings explained)
//   submitted | endorsed ──return──▶ returned  (the reason of the level whose turn it is)
//   submitted | endorsed ──approve──▶ endorsed (a level below the last: the next level's turn)
//   submitted | endorsed ──approve──▶ approved (the last level: locked, the data pass up)
//   approved ──reopen──▶ returned              (the last level's exception, with a reason)
//   draft | returned ──unlock──▶ same status   (entry after the lock date, until a given day)
#pragma once

#include <optional>
#include <string_view>

#include "core/base/result.h"

namespace tinhso::reporting {

// A regime approves in one level (its receiver) or in several: the receiver, then each
// approving unit the regime names, in order (DHIS2's approval levels).
enum class ReportStatus { kNone, kDraft, kSubmitted, kReturned, kEndorsed, kApproved };
enum class ReportAction { kSave, kSubmit, kReturn, kApprove, kReopen, kUnlock };

inline constexpr ReportStatus kReportStatuses[] = {
    ReportStatus::kNone,     ReportStatus::kDraft,    ReportStatus::kSubmitted,
    ReportStatus::kReturned, ReportStatus::kEndorsed, ReportStatus::kApproved};
inline constexpr ReportAction kReportActions[] = {ReportAction::kSave,   ReportAction::kSubmit,
                                                  ReportAction::kReturn, ReportAction::kApprove,
                                                  ReportAction::kReopen, ReportAction::kUnlock};

// A timeline entry that is no action of a person's: the regime's approval chain changed, and a
// report some level had endorsed waits for the first level again.
inline constexpr std::string_view kRechainEvent = "rechain";
inline constexpr std::string_view kRechainLabel = "Các cấp duyệt thay đổi: duyệt lại từ cấp 1";

std::string_view status_name(ReportStatus s);
std::string_view status_label_vi(ReportStatus s);
std::optional<ReportStatus> parse_status(std::string_view s);
std::string_view action_name(ReportAction a);
std::string_view action_label_vi(ReportAction a);
std::optional<ReportAction> parse_action(std::string_view s);

// Whether the reporting unit may still enter figures (not started, draft, returned).
bool is_editable(ReportStatus s);
// Whether the unit has sent the report and it has not come back (awaiting a level, or approved).
bool is_sent(ReportStatus s);
// Whether the action is the reporting unit's (entry) or the receiver's (review).
bool is_entry_action(ReportAction a);

struct ReportFacts {
  bool locked = false;                // past the regime's lock date, without an exception in force
  bool has_errors = false;            // findings of severity error (form.h check)
  bool unexplained_warnings = false;  // warnings without a comment
  bool last_level = true;             // an approval now is the regime's last level's
};

// The status after `action`, or the refusal people read, with its machine code.
Result<ReportStatus> next_status(ReportStatus status, ReportAction action, const ReportFacts& f);

}  // namespace tinhso::reporting
