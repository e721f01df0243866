#include "documents/edxml/message.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace tinhso::documents::edxml {
namespace {

// QCVN 102 status codes (verify against the standard's table).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kStatusCodes = {{
    {"delivered", "01"},   // đã đến: reached the recipient's system
    {"refused", "02"},     // từ chối tiếp nhận
    {"received", "03"},    // đã tiếp nhận (vào sổ văn bản đến)
    {"assigned", "04"},    // đã phân công
    {"processing", "05"},  // đang xử lý
    {"done", "06"},        // hoàn thành
}};

constexpr std::array<std::string_view, 4> kUrgencies = {"thuong", "khan", "thuong_khan", "hoa_toc"};

}  // namespace

std::string_view status_code_for(std::string_view recipient_status) {
  for (const auto& [status, code] : kStatusCodes)
    if (status == recipient_status) return code;
  return {};
}

std::string_view recipient_status_for(std::string_view code) {
  for (const auto& [status, c] : kStatusCodes)
    if (c == code) return status;
  return {};
}

int priority_for(std::string_view urgency) {
  for (std::size_t i = 0; i < kUrgencies.size(); ++i)
    if (kUrgencies[i] == urgency) return static_cast<int>(i);
  return 0;
}

std::string_view urgency_for(int priority) {
  if (priority < 0 || priority >= static_cast<int>(kUrgencies.size())) return kUrgencies[0];
  return kUrgencies[static_cast<std::size_t>(priority)];
}

std::string qcvn_date(std::string_view iso_date) {
  std::string date(iso_date);
  for (char& c : date)
    if (c == '-') c = '/';
  return date;
}

std::string document_id(std::string_view from_organ, std::string_view iso_date,
                        std::string_view notation) {
  return fmt::format("{},{},{}", from_organ, qcvn_date(iso_date), notation);
}

}  // namespace tinhso::documents::edxml
