// Number and notation of issued documents (Nghị định 30/2020/NĐ-CP, Phụ lục I):
// "183/KH-UBND" — number / type abbreviation - issuer abbreviation; letters (công văn), which
// have no type abbreviation, use "2246/UBND-KGVX" — number / issuer - drafting unit.
#pragma once

#include <string>
#include <string_view>

#include "core/identity/org_tree.h"

namespace tinhso::documents {

// The abbreviation of a unit's name as used in notations: "Ủy ban nhân dân tỉnh An Khang" →
// UBND, "Sở Kế hoạch và Đầu tư" → SKHĐT, "Phòng Khoa giáo - Văn xã" → KGVX, "Văn phòng Ủy ban
// nhân dân tỉnh" → VPUBND. Initials of the words (accents dropped except Đ), the leading
// "Phòng" of a division and the place name after the administrative level left out.
std::string unit_abbreviation(const identity::UnitInfo& unit);

// `type_abbreviation` empty means a letter (công văn).
std::string format_notation(int64_t number, std::string_view type_abbreviation,
                            std::string_view issuer_abbreviation,
                            std::string_view drafting_abbreviation);

}  // namespace tinhso::documents
