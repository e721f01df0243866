#include "core/calendar/lunar.h"

#include <cmath>
#include <numbers>

namespace tinhso::calendar {
namespace {

using std::floor;
using std::sin;
constexpr double kPi = std::numbers::pi;

// Julian day of the k-th new moon after 1900-01-01 (k = 0), in fractional days (UT).
double new_moon(int64_t k) {
  double T = static_cast<double>(k) / 1236.85;
  double T2 = T * T;
  double T3 = T2 * T;
  double dr = kPi / 180;
  double jd1 =
      2415020.75933 + 29.53058868 * static_cast<double>(k) + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  double M = 359.2242 + 29.10535608 * static_cast<double>(k) - 0.0000333 * T2 - 0.00000347 * T3;
  double Mpr = 306.0253 + 385.81691806 * static_cast<double>(k) + 0.0107306 * T2 + 0.00001236 * T3;
  double F = 21.2964 + 390.67050646 * static_cast<double>(k) - 0.0016528 * T2 - 0.00000239 * T3;
  double C1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
  C1 = C1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.0010 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
  double deltat;
  if (T < -11) {
    deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3;
  } else {
    deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
  }
  return jd1 + C1 - deltat;
}

// Local day number of the k-th new moon.
int64_t new_moon_day(int64_t k, double tz) {
  return static_cast<int64_t>(floor(new_moon(k) + 0.5 + tz / 24));
}

// Solar longitude in radians, normalised to [0, 2π), at Julian day `jdn` (UT).
double sun_longitude(double jdn) {
  double T = (jdn - 2451545.0) / 36525;
  double T2 = T * T;
  double dr = kPi / 180;
  double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.000290 * sin(dr * 3 * M);
  double L = (L0 + DL) * dr;
  L = L - kPi * 2 * floor(L / (kPi * 2));
  return L;
}

// Which of the 12 major solar terms (0..11) the sun is in at the start of local day `day`.
int sun_sector(int64_t day, double tz) {
  return static_cast<int>(floor(sun_longitude(static_cast<double>(day) - 0.5 - tz / 24) / kPi * 6));
}

// Day number of the start of lunar month 11 (the month containing the winter solstice)
// of solar year `yy`.
int64_t lunar_month_11(int yy, double tz) {
  Date dec31{std::chrono::year(yy), std::chrono::December, std::chrono::day(31)};
  double off = static_cast<double>(julian_day(dec31)) - 2415021;
  auto k = static_cast<int64_t>(floor(off / 29.530588853));
  int64_t nm = new_moon_day(k, tz);
  if (sun_sector(nm, tz) >= 9) nm = new_moon_day(k - 1, tz);
  return nm;
}

// Offset (in months after month 11 at a11) of the leap month: the first month without a
// major solar term.
int leap_month_offset(int64_t a11, double tz) {
  auto k = static_cast<int64_t>(
      floor((static_cast<double>(a11) - 2415021.076998695) / 29.530588853 + 0.5));
  int last;
  int i = 1;
  int arc = sun_sector(new_moon_day(k + i, tz), tz);
  do {
    last = arc;
    ++i;
    arc = sun_sector(new_moon_day(k + i, tz), tz);
  } while (arc != last && i < 14);
  return i - 1;
}

// First day of the lunar month containing local day `day_number`, and of the next month.
// The mean-motion estimate of k can be one month late when the true new moon falls after the
// mean one, hence the loop.
std::pair<int64_t, int64_t> month_bounds(int64_t day_number, double tz) {
  auto k = static_cast<int64_t>(
      floor((static_cast<double>(day_number) - 2415021.076998695) / 29.530588853));
  int64_t start = new_moon_day(k + 1, tz);
  int64_t next = new_moon_day(k + 2, tz);
  while (start > day_number) {
    next = start;
    start = new_moon_day(k, tz);
    --k;
  }
  return {start, next};
}

constexpr const char* kCan[] = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
constexpr const char* kChi[] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};

int mod(int64_t a, int m) {
  return static_cast<int>(((a % m) + m) % m);
}

}  // namespace

LunarDate to_lunar(Date solar, double tz) {
  int64_t day_number = julian_day(solar);
  int64_t month_start = month_bounds(day_number, tz).first;
  int yy = static_cast<int>(solar.year());
  int64_t a11 = lunar_month_11(yy, tz);
  int64_t b11 = a11;
  LunarDate out;
  if (a11 >= month_start) {
    out.year = yy;
    a11 = lunar_month_11(yy - 1, tz);
  } else {
    out.year = yy + 1;
    b11 = lunar_month_11(yy + 1, tz);
  }
  out.day = static_cast<int>(day_number - month_start + 1);
  int diff = static_cast<int>(floor(static_cast<double>(month_start - a11) / 29));
  out.month = diff + 11;
  if (b11 - a11 > 365) {
    int leap_diff = leap_month_offset(a11, tz);
    if (diff >= leap_diff) {
      out.month = diff + 10;
      if (diff == leap_diff) out.leap = true;
    }
  }
  if (out.month > 12) out.month -= 12;
  if (out.month >= 11 && diff < 4) out.year -= 1;
  return out;
}

std::optional<Date> to_solar(const LunarDate& lunar, double tz) {
  if (lunar.month < 1 || lunar.month > 12 || lunar.day < 1 || lunar.day > 30) return std::nullopt;
  int64_t a11, b11;
  if (lunar.month < 11) {
    a11 = lunar_month_11(lunar.year - 1, tz);
    b11 = lunar_month_11(lunar.year, tz);
  } else {
    a11 = lunar_month_11(lunar.year, tz);
    b11 = lunar_month_11(lunar.year + 1, tz);
  }
  auto k = static_cast<int64_t>(
      floor(0.5 + (static_cast<double>(a11) - 2415021.076998695) / 29.530588853));
  int off = lunar.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    int leap_off = leap_month_offset(a11, tz);
    int leap_month = leap_off - 2;
    if (leap_month < 0) leap_month += 12;
    if (lunar.leap && lunar.month != leap_month) return std::nullopt;
    if (lunar.leap || off >= leap_off) off += 1;
  } else if (lunar.leap) {
    return std::nullopt;
  }
  int64_t month_start = new_moon_day(k + off, tz);
  int64_t next_start = new_moon_day(k + off + 1, tz);
  if (lunar.day > next_start - month_start) return std::nullopt;
  Date d = from_julian_day(month_start + lunar.day - 1);
  // Round trip guards against inputs the month arithmetic cannot represent.
  if (to_lunar(d, tz) != lunar) return std::nullopt;
  return d;
}

std::string can_chi_year(int lunar_year) {
  return std::string(kCan[mod(lunar_year + 6, 10)]) + " " + kChi[mod(lunar_year + 8, 12)];
}

std::string can_chi_month(const LunarDate& d) {
  return std::string(kCan[mod(static_cast<int64_t>(d.year) * 12 + d.month + 3, 10)]) + " " +
         kChi[mod(d.month + 1, 12)];
}

std::string can_chi_day(Date solar) {
  int64_t jd = julian_day(solar);
  return std::string(kCan[mod(jd + 9, 10)]) + " " + kChi[mod(jd + 1, 12)];
}

int lunar_month_length(Date solar, double tz) {
  auto [start, next] = month_bounds(julian_day(solar), tz);
  return static_cast<int>(next - start);
}

}  // namespace tinhso::calendar
