// What documents moves when a reorganisation ends a unit: electronic documents waiting for its
// clerk to register them, open handling assignments, outgoing documents not yet issued, the
// tasks it owns or follows up and its part in tasks it cooperates on go to the successor with
// their deadlines. Registered documents stay in the ended unit's register (its numbers are its
// own); their open assignments are what moves.
#pragma once

#include <span>

#include "core/identity/unit_movers.h"

namespace tinhso::documents {

std::span<const identity::UnitMover> unit_movers();

}  // namespace tinhso::documents
