// The letter a sender receives when reception settles their feedback without answering it — not
// accepted (ND 20/2008 Art. 9), forwarded to a competent body outside the province, or routed as
// a complaint or denunciation — with the reason, as a PDF in the layout of Nghị định
// 30/2020/NĐ-CP (core/pdf), from the reception unit. Rendering is blocking: routes call it on
// the worker pool.
#pragma once

#include <optional>
#include <string>

#include "core/identity/org_tree.h"
#include "feedback/forwarding.h"
#include "feedback/items.h"

namespace tinhso::feedback {

// Whether an item in `status` has such a letter (a complaint or denunciation keeps the letter
// of its routing through its own handling).
bool has_letter(FeedbackStatus status);

// The letter of `item`, settled by `event` (its reject, forward_out or route_complaint);
// `forwarded`: where a forwarding out went as an official document, if it did.
std::string closure_letter(const identity::OrgTree& org, const Item& item, const Event& event,
                           const Forwarded* forwarded = nullptr);

// The forwarding letter (công văn chuyển) from the reception unit to the competent body outside
// the province, `agency_name`, stating the item — its sender and contact, so that the body can
// answer them — its content and `reason`; the draft of an official document, numbered and
// signed when the documents module issues it.
std::string forwarding_letter(const identity::OrgTree& org, const Item& item,
                              const std::string& agency_name, const std::string& reason,
                              Instant at);

// The event that settled `item` without an answer, if it was so settled.
std::optional<Event> closing_event(const Item& item, const std::vector<Event>& events);

}  // namespace tinhso::feedback
