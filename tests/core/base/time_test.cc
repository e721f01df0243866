#include "core/base/time.h"

#include <gtest/gtest.h>

namespace tinhso {
namespace {

using namespace std::chrono;

TEST(Time, Rfc3339RoundTripsInVietnamTime) {
  auto t = parse_rfc3339("2026-11-23T09:30:00+07:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(format_rfc3339(*t), "2026-11-23T09:30:00+07:00");
  auto z = parse_rfc3339("2026-11-23T02:30:00Z");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(*z, *t);
  auto frac = parse_rfc3339("2026-11-23T02:30:00.5Z");
  ASSERT_TRUE(frac.ok());
  EXPECT_EQ(to_millis(*frac) - to_millis(*z), 500);
}

TEST(Time, LocalDateCrossesMidnightAtUtcPlus7) {
  auto t = parse_rfc3339("2026-12-31T17:30:00Z");  // 00:30 on 1 January local
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(local_date(*t), (Date{year(2027), January, day(1)}));
  EXPECT_EQ(local_minute_of_day(*t), 30);
  EXPECT_EQ(local_instant(Date{year(2027), January, day(1)}, 30), *t);
}

TEST(Time, RejectsMalformedTimes) {
  for (const char* bad : {"", "2026-11-23", "2026-11-23T25:00:00Z", "2026-13-01T00:00:00Z",
                          "2026-02-30T00:00:00Z", "2026-11-23T09:30:00", "2026-11-23T09:30:00+7",
                          "2026-11-23T09:30:00+07:00x", "abcd-11-23T09:30:00Z"}) {
    auto r = parse_rfc3339(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().status(), 400);
    }
  }
}

TEST(Time, VietnameseFormats) {
  Date d{year(2026), November, day(3)};
  EXPECT_EQ(format_vn_date(d), "03/11/2026");
  EXPECT_EQ(format_vn_long_date(d), "ngày 03 tháng 11 năm 2026");
  EXPECT_EQ(format_vn_appointment(local_instant(d, 14 * 60 + 5)),
            "14 giờ 05 phút, ngày 03 tháng 11 năm 2026");
  EXPECT_EQ(iso_weekday(d), 2);  // Tuesday
}

TEST(Time, JulianDays) {
  EXPECT_EQ(julian_day(Date{year(2000), January, day(1)}), 2451545);
  EXPECT_EQ(from_julian_day(2451545), (Date{year(2000), January, day(1)}));
}

TEST(Clock, OffsetShiftsNow) {
  Clock c;
  Instant before = c.now();
  c.set_offset(hours(24));
  EXPECT_GE(c.now() - before, hours(24));
}

}  // namespace
}  // namespace tinhso
