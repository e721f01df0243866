// What feedback moves when a reorganisation ends a unit: open items in its queue, and open items
// it received as the reception office, go to the successor with their deadlines. Answered and
// closed items stay with the unit that answered them (its record).
#pragma once

#include <span>

#include "core/identity/unit_movers.h"

namespace tinhso::feedback {

std::span<const identity::UnitMover> unit_movers();

}  // namespace tinhso::feedback
