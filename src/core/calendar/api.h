// HTTP routes of the calendar: holidays, lunar dates, due times, official decisions.
#pragma once

#include "core/http/router.h"
#include "core/services.h"

namespace tinhso::calendar {

void register_calendar_routes(http::Router& router, Services& s);

// "Thứ Hai" … "Chủ nhật".
std::string_view weekday_vi(int iso_weekday);

}  // namespace tinhso::calendar
