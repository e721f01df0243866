// The Vietnamese lunar calendar (âm lịch), computed astronomically at UTC+7 with Hồ Ngọc
// Đức's algorithm (new moons and solar longitude after Jean Meeus). The same computation at
// UTC+8 gives the Chinese calendar, which differs in some years (for example 1985, 2007).
#pragma once

#include <optional>
#include <string>

#include "core/base/time.h"

namespace tinhso::calendar {

struct LunarDate {
  int day = 1;
  int month = 1;
  int year = 1900;
  bool leap = false;  // the month is a leap (nhuận) month

  bool operator==(const LunarDate&) const = default;
};

inline constexpr double kVietnamTimeZone = 7.0;

LunarDate to_lunar(Date solar, double time_zone = kVietnamTimeZone);
// nullopt when the date does not exist (a leap month that year does not have, day 30 of a
// 29-day month).
std::optional<Date> to_solar(const LunarDate& lunar, double time_zone = kVietnamTimeZone);

// Can-chi (sexagenary) names, e.g. "Bính Ngọ".
std::string can_chi_year(int lunar_year);
std::string can_chi_month(const LunarDate& d);
std::string can_chi_day(Date solar);
// Number of days in the lunar month containing `solar` (29 or 30).
int lunar_month_length(Date solar, double time_zone = kVietnamTimeZone);

}  // namespace tinhso::calendar
