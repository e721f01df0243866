// The printable forms' numbering: a dossier follows the set in force on the day it was received
// (Thông tư 01/2018/TT-VPCP, then Thông tư 03/2025/TT-VPCP from 15/09/2025), so one dossier
// never mixes the two, and the stop notice exists only in the newer set.
#include "onestop/forms.h"

#include <gtest/gtest.h>

namespace tinhso::onestop {
namespace {

Dossier received_on(Date day, std::string outcome = "") {
  Dossier d;
  d.submitted_at = local_instant(add_days(day, -1), 9 * 60);
  d.received_at = local_instant(day, 10 * 60);
  d.outcome = std::move(outcome);
  return d;
}

TEST(Forms, TheSetIsTheOneInForceWhenTheDossierWasReceived) {
  Date eve = add_days(kTt03FormsFrom, -1);
  EXPECT_EQ(form_set_on(eve), FormSet::kTt01_2018);
  EXPECT_EQ(form_set_on(kTt03FormsFrom), FormSet::kTt03_2025);
  // Submitted on the eve, received on the day: the day of reception decides.
  EXPECT_EQ(form_set_of(received_on(kTt03FormsFrom)), FormSet::kTt03_2025);
  EXPECT_EQ(form_set_of(received_on(eve)), FormSet::kTt01_2018);
  // Not yet received: the day it was submitted.
  Dossier submitted;
  submitted.submitted_at = local_instant(eve, 23 * 60);
  EXPECT_EQ(form_set_of(submitted), FormSet::kTt01_2018);
}

TEST(Forms, NumbersFollowTheSet) {
  EXPECT_EQ(form_number(Form::kControl, FormSet::kTt01_2018), "05");
  EXPECT_EQ(form_number(Form::kControl, FormSet::kTt03_2025), "06");
  EXPECT_EQ(form_number(Form::kStop, FormSet::kTt03_2025), "05");
  EXPECT_EQ(form_number(Form::kStop, FormSet::kTt01_2018), "");
  EXPECT_EQ(parse_form("05", FormSet::kTt01_2018), Form::kControl);
  EXPECT_EQ(parse_form("05", FormSet::kTt03_2025), Form::kStop);
  EXPECT_EQ(parse_form("06", FormSet::kTt03_2025), Form::kControl);
  EXPECT_EQ(parse_form("06", FormSet::kTt01_2018), std::nullopt);
  EXPECT_EQ(parse_form("", FormSet::kTt01_2018), std::nullopt);
  EXPECT_EQ(parse_form("5", FormSet::kTt03_2025), std::nullopt);
  for (FormSet set : {FormSet::kTt01_2018, FormSet::kTt03_2025}) {
    for (Form f : {Form::kReceipt, Form::kSupplement, Form::kRefusal, Form::kApology, Form::kStop,
                   Form::kControl}) {
      if (form_number(f, set).empty()) continue;
      EXPECT_EQ(parse_form(form_number(f, set), set), f) << form_number(f, set);
    }
  }
  EXPECT_EQ(form_title_vi(Form::kApology, FormSet::kTt03_2025),
            "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết");
  EXPECT_EQ(form_title_vi(Form::kApology, FormSet::kTt01_2018),
            "Phiếu xin lỗi và hẹn lại ngày trả kết quả");
}

TEST(Forms, AWithdrawnDossierHasTheStopNoticeOnlyUnderTheNewSet) {
  auto has = [](const std::vector<Form>& forms, Form f) {
    return std::find(forms.begin(), forms.end(), f) != forms.end();
  };
  auto now = forms_of(received_on(kTt03FormsFrom, "withdrawn"), /*official=*/false);
  EXPECT_TRUE(has(now, Form::kStop));
  EXPECT_TRUE(has(now, Form::kReceipt));
  EXPECT_FALSE(has(now, Form::kControl));  // officials only
  EXPECT_TRUE(has(forms_of(received_on(kTt03FormsFrom, "withdrawn"), true), Form::kControl));
  EXPECT_FALSE(
      has(forms_of(received_on(add_days(kTt03FormsFrom, -1), "withdrawn"), true), Form::kStop));
  EXPECT_FALSE(has(forms_of(received_on(kTt03FormsFrom, "approved"), true), Form::kStop));
  // Withdrawn before the desk received it: nothing was processed, nothing to notify.
  Dossier online;
  online.submitted_at = local_instant(kTt03FormsFrom, 9 * 60);
  online.outcome = "withdrawn";
  EXPECT_TRUE(forms_of(online, true).empty());
}

}  // namespace
}  // namespace tinhso::onestop
