// What the sender of a feedback item is told, by e-mail and SMS through the outbox (the
// channels the one-stop module sends through), when their item is registered and routed,
// answered, not accepted, merged with another, or asked a question — only where they gave an
// address and the channel is configured.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/outbox/outbox.h"
#include "feedback/items.h"

namespace tinhso::feedback {

// The messages about `item` just after `action`; `unit_name` is the unit now handling it and
// `public_url` the portal's address (for the link to the published answer). Keys hold the
// item's code and version: one notice per change and channel.
std::vector<outbox::Message> sender_notices(FeedbackAction action, const Item& item,
                                            const std::string& unit_name,
                                            const std::optional<std::string>& reason,
                                            const NotifyConfig& notify,
                                            const std::string& public_url);

}  // namespace tinhso::feedback
