#include "feedback/config.h"

namespace tinhso::feedback {
namespace {

template <auto Member>
constexpr auto key = &config_member<FeedbackConfig, Member>;

const ConfigKey kKeys[] = {
    {"reception_unit_code",
     "Code of the unit that receives and routes citizen feedback; empty: the office of the "
     "provincial people's committee.",
     key<&FeedbackConfig::reception_unit_code>},
    {"forward_days",
     "Working days to forward feedback that is not the province's to the competent body.",
     key<&FeedbackConfig::forward_days>},
    {"answer_days", "Working days to answer feedback when its category sets none.",
     key<&FeedbackConfig::answer_days>},
    {"per_sender_per_day",
     "Feedback items one phone number or e-mail address may send per day; 0: no limit.",
     key<&FeedbackConfig::per_sender_per_day>},
    {"max_attachments",
     "Photos or papers one feedback item may carry (each within files.max_file_bytes).",
     key<&FeedbackConfig::max_attachments>},
    {"complaint_accept_working_days",
     "Working days to accept (thụ lý) a complaint routed out of feedback (Luật Khiếu nại 2011, "
     "Art. 27; verify).",
     key<&FeedbackConfig::complaint_accept_working_days>},
    {"complaint_decide_days", "Days from acceptance to decide a complaint (Art. 28).",
     key<&FeedbackConfig::complaint_decide_days>},
    {"complaint_decide_days_complex", "Days to decide a complex complaint (Art. 28).",
     key<&FeedbackConfig::complaint_decide_days_complex>},
    {"complaint_decide_days_remote",
     "Days to decide a complaint in a remote, hard-to-reach area (Art. 28).",
     key<&FeedbackConfig::complaint_decide_days_remote>},
    {"complaint_decide_days_remote_complex",
     "Days to decide a complex complaint in a remote area (Art. 28).",
     key<&FeedbackConfig::complaint_decide_days_remote_complex>},
    {"denunciation_accept_working_days",
     "Working days to accept a denunciation (Luật Tố cáo 2018, Art. 24; verify).",
     key<&FeedbackConfig::denunciation_accept_working_days>},
    {"denunciation_decide_days", "Days from acceptance to decide a denunciation (Art. 30).",
     key<&FeedbackConfig::denunciation_decide_days>},
    {"denunciation_extension_days",
     "Days each extension of a denunciation adds: once if complex, twice if very complex "
     "(Art. 30).",
     key<&FeedbackConfig::denunciation_extension_days>},
};

Status validate(const std::any& section) {
  const auto& c = std::any_cast<const FeedbackConfig&>(section);
  if (c.forward_days < 1 || c.forward_days > 60)
    return config_error("kiểm tra", "feedback.forward_days", "từ 1 đến 60");
  if (c.answer_days < 1 || c.answer_days > 365)
    return config_error("kiểm tra", "feedback.answer_days", "từ 1 đến 365");
  if (c.per_sender_per_day < 0)
    return config_error("kiểm tra", "feedback.per_sender_per_day", "phải ≥ 0");
  const std::pair<const char*, int> periods[] = {
      {"feedback.complaint_accept_working_days", c.complaint_accept_working_days},
      {"feedback.complaint_decide_days", c.complaint_decide_days},
      {"feedback.complaint_decide_days_complex", c.complaint_decide_days_complex},
      {"feedback.complaint_decide_days_remote", c.complaint_decide_days_remote},
      {"feedback.complaint_decide_days_remote_complex", c.complaint_decide_days_remote_complex},
      {"feedback.denunciation_accept_working_days", c.denunciation_accept_working_days},
      {"feedback.denunciation_decide_days", c.denunciation_decide_days},
      {"feedback.denunciation_extension_days", c.denunciation_extension_days}};
  for (const auto& [key, days] : periods)
    if (days < 1 || days > 365) return config_error("kiểm tra", key, "từ 1 đến 365 ngày");
  if (c.max_attachments < 0 || c.max_attachments > 20)
    return config_error("kiểm tra", "feedback.max_attachments", "từ 0 đến 20");
  return ok_status();
}

const ConfigSection kSections[] = {
    {FeedbackConfig::kSection, &config_defaults<FeedbackConfig>, kKeys, &validate}};

}  // namespace

std::span<const ConfigSection> config_sections() {
  return kSections;
}

}  // namespace tinhso::feedback
