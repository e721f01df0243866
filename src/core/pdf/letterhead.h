// The letterhead of a province's administrative documents (Nghị định 30/2020/NĐ-CP): the
// governing body and the issuing unit in the upper left, and the place and date under the
// national motto — read from the organisation tree, for every module's forms and letters.
#pragma once

#include <string>
#include <vector>

#include "core/base/time.h"
#include "core/identity/org_tree.h"

namespace tinhso::pdf {

// The two header lines: the governing body by its short name ("UBND TỈNH AN KHANG"), then the
// unit itself, upper case.
std::vector<std::string> agency_lines(const identity::OrgTree& org, int64_t unit_id);
// The province's name as documents write the place ("An Khang").
std::string province_place_name(const identity::OrgTree& org);
// "An Khang, ngày 05 tháng 06 năm 2026".
std::string place_date(const identity::OrgTree& org, Instant t);

}  // namespace tinhso::pdf
