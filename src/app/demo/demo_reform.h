// The demo province's 2025 reorganisations: the departments' mergers of 1 March 2025 and the
// reform of 1 July 2025.
//
// The reform (two-level local government, 1 July 2025) as a plan for the
// Reorganiser: every district ends; its communes merge, three or four into one; each new
// commune or ward has its own office, divisions and public service centre. The demo applies it
// through the same code path a province uses, so its history before the day stays with the old
// units and its open work continues at the new ones.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "core/base/time.h"
#include "core/identity/org_tree.h"

namespace tinhso::app {

// The demo reform's title, by which a re-run finds a reform it accepted but did not finish.
inline constexpr std::string_view kDemoReformTitle =
    "Sắp xếp đơn vị hành chính cấp xã, không tổ chức cấp huyện (tỉnh An Khang)";

// The first day of the two-level province.
inline constexpr Date kDemoReformDay{std::chrono::year{2025}, std::chrono::month{7},
                                     std::chrono::day{1}};

// The departments' mergers' title, by which a re-run finds them accepted but not finished.
inline constexpr std::string_view kDemoMergerTitle =
    "Sắp xếp, tổ chức lại các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh An Khang";

// The first day of the merged departments.
inline constexpr Date kDemoMergerDay{std::chrono::year{2025}, std::chrono::month{3},
                                     std::chrono::day{1}};

// The departments' mergers for the tree as `tinhso demo` builds it (province `province_code`):
// six departments end into the ones that take them over (their offices into the successor's
// office, their other divisions moved under it and re-coded), two are renamed. Empty when
// there is nothing to merge (already done).
boost::json::object demo_department_plan(const identity::OrgTree& org,
                                         std::string_view province_code);

// The plan for the tree as `tinhso demo` builds it before the reform (province `province_code`).
boost::json::object demo_reform_plan(const identity::OrgTree& org, std::string_view province_code);

// The divisions every new commune has, in order: the office, the economy division (a ward's is
// "Phòng Kinh tế, Hạ tầng và Đô thị"), the culture and society division, and the public service
// centre (the last one).
const std::vector<const char*>& demo_commune_divisions();

}  // namespace tinhso::app
