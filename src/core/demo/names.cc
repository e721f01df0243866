#include "core/demo/names.h"

namespace tinhso::demo {

std::string person_name(Rng& rng, bool female) {
  // Surname frequencies roughly follow Vietnam's (Nguyễn ≈ 38%).
  static const std::vector<std::string> kSurnames = {
      "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần",   "Lê",   "Lê",
      "Phạm",   "Hoàng",  "Huỳnh",  "Phan",   "Vũ",   "Võ",     "Đặng", "Bùi",
      "Đỗ",     "Hồ",     "Ngô",    "Dương",  "Lý",   "Trương", "Đinh", "Lâm"};
  static const std::vector<std::string> kMaleMiddle = {"Văn",   "Văn",   "Hữu",  "Đức",  "Minh",
                                                       "Quang", "Thanh", "Công", "Xuân", "Ngọc",
                                                       "Anh",   "Thành", "Đình", "Quốc"};
  static const std::vector<std::string> kFemaleMiddle = {
      "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Kim", "Minh", "Bích", "Hồng", "Phương", "Mỹ"};
  static const std::vector<std::string> kMale = {
      "An",   "Bình",  "Cường", "Dũng",  "Đạt",  "Hải",   "Hiếu",  "Hoàng", "Hùng", "Huy", "Khang",
      "Khoa", "Long",  "Lực",   "Minh",  "Nam",  "Nghĩa", "Phong", "Phúc",  "Quân", "Sơn", "Tài",
      "Tâm",  "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn",  "Việt",  "Vinh", "Vũ"};
  static const std::vector<std::string> kFemale = {
      "Anh",  "Chi",  "Dung", "Giang", "Hà",    "Hạnh", "Hằng", "Hiền",  "Hoa",  "Hương",  "Lan",
      "Liên", "Linh", "Loan", "Mai",   "My",    "Nga",  "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh",
      "Thảo", "Thu",  "Thủy", "Trang", "Tuyết", "Uyên", "Vân",  "Xuân",  "Yến",  "Hậu"};
  std::string name =
      rng.pick(kSurnames) + " " + rng.pick(female ? kFemaleMiddle : kMaleMiddle) + " ";
  if (rng.chance(0.25)) name += rng.pick(female ? kFemaleMiddle : kMaleMiddle) + " ";
  name += rng.pick(female ? kFemale : kMale);
  return name;
}

const std::vector<std::string>& district_names() {
  static const std::vector<std::string> kNames = {
      "Thành phố An Khang", "Thị xã Bình Minh", "Huyện Tân Phú",  "Huyện Đông Hòa",
      "Huyện Tây Sơn",      "Huyện Phú Ninh",   "Huyện Quế Sơn",  "Huyện Vĩnh Thạnh",
      "Huyện Hiệp Đức",     "Huyện Đại Lộc",    "Huyện Sơn Tịnh", "Huyện Nghĩa Hành",
      "Huyện Mộ Đức",       "Huyện Ba Tơ",      "Huyện Trà Bồng", "Huyện Long Điền",
      "Huyện Phước Sơn"};
  return kNames;
}

const std::vector<std::string>& commune_names() {
  static const std::vector<std::string> kNames = {
      "An Phú",      "An Hòa",    "An Thạnh",    "Bình An",    "Bình Hòa",  "Bình Thạnh",
      "Bình Trung",  "Bình Minh", "Cẩm Thành",   "Đại Hiệp",   "Đại Quang", "Đức Hòa",
      "Đức Lợi",     "Đức Thạnh", "Hòa Bình",    "Hòa Khánh",  "Hòa Lợi",   "Hòa Phước",
      "Hòa Tiến",    "Hiệp Hòa",  "Hương An",    "Long Hưng",  "Long Sơn",  "Long Mỹ",
      "Mỹ Hiệp",     "Mỹ Thạnh",  "Nghĩa Thắng", "Nghĩa Hiệp", "Nghĩa Lâm", "Phổ Cường",
      "Phổ Thạnh",   "Phú Lâm",   "Phú Thọ",     "Phú Thạnh",  "Phước Hòa", "Phước Lộc",
      "Phước Thành", "Quế Xuân",  "Quế Phú",     "Sơn Thủy",   "Sơn Hà",    "Sơn Trung",
      "Tam An",      "Tam Hiệp",  "Tam Thăng",   "Tân Hiệp",   "Tân Lập",   "Tân Phước",
      "Tân Thành",   "Thạnh Mỹ",  "Thanh Hà",    "Thanh Sơn",  "Tịnh Bình", "Tịnh Hiệp",
      "Tịnh Phong",  "Trà Bình",  "Trà Sơn",     "Trung Hòa",  "Vĩnh Hòa",  "Vĩnh Lộc",
      "Vĩnh Phước",  "Xuân Hòa",  "Xuân Thọ",    "Yên Hòa",    "Cát Tiên",  "Đông Sơn",
      "Kim Long",    "Ninh Hòa"};
  return kNames;
}

}  // namespace tinhso::demo
