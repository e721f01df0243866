// How the reporting module's work follows a reorganisation (core/identity/unit_movers.h): the
// regimes a unit that ends receives pass to its successor, so that reports waiting for review
// there are reviewed and approved by the successor's leaders, and so do its levels in approval
// chains. Reports stay with the unit that
// made them (its records); a reporting unit that ends reports no more, its successor reports
// from the next period.
#pragma once

#include <span>

#include "core/identity/unit_movers.h"

namespace tinhso::reporting {

std::span<const identity::UnitMover> unit_movers();

}  // namespace tinhso::reporting
