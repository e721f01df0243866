// Number and notation of issued documents (Nghị định 30/2020/NĐ-CP, Phụ lục I):
// "183/KH-UBND" — number / type abbreviation - issuer abbreviation; letters (công văn), which
// have no type abbreviation, use "2246/UBND-KGVX" — number / issuer - drafting unit.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/identity/org_tree.h"
#include "core/storage/sql.h"

namespace tinhso::documents {

// The abbreviation of a unit's name as used in notations: "Ủy ban nhân dân tỉnh An Khang" →
// UBND, "Sở Kế hoạch và Đầu tư" → SKHĐT, "Phòng Khoa giáo - Văn xã" → KGVX, "Văn phòng Ủy ban
// nhân dân tỉnh" → VPUBND. Initials of the words (accents dropped except Đ), the leading
// "Phòng" of a division and the place name after the administrative level left out.
std::string unit_abbreviation(const identity::UnitInfo& unit);

// The next number of a unit's incoming or outgoing register ("incoming" | "outgoing") for
// `year`: one counter row per unit, direction and year, atomic on both engines (the row lock on
// PostgreSQL, the single writer on SQLite). A unit's first number of a year starts above the
// year's floor (none but after a restore: documents/restore.h).
Result<int64_t> next_register_number(storage::Tx& tx, int64_t unit_id, std::string_view direction,
                                     int year);

// `type_abbreviation` empty means a letter (công văn).
std::string format_notation(int64_t number, std::string_view type_abbreviation,
                            std::string_view issuer_abbreviation,
                            std::string_view drafting_abbreviation);

}  // namespace tinhso::documents
