// What one-stop moves when a reorganisation ends a unit: its open dossiers — as the competent
// agency, as the unit whose queue holds them, as the desk that returns the result — go to the
// successor with their deadlines, codes and history unchanged; closed dossiers stay with the
// unit that handled them.
#pragma once

#include <span>
#include <string_view>

#include "core/identity/unit_movers.h"

namespace tinhso::onestop {

// The event recorded on each moved dossier's timeline.
inline constexpr std::string_view kReorganisedAction = "reorganised";

std::span<const identity::UnitMover> unit_movers();

}  // namespace tinhso::onestop
