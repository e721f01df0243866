// Reading what people send: a feedback item (from the portal, or entered by a hotline officer)
// and an action on one, each checked field by field with every problem reported at once.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "feedback/items.h"
#include "feedback/lifecycle.h"

namespace tinhso::feedback {

// The sender's part of an item: who they are and how to reach them.
struct Sender {
  std::optional<std::string> name, address, phone, email;
};

struct Submission {
  std::string kind;  // reflection | petition (with a proposal)
  int64_t category_id = 0;
  std::string channel = "portal";
  std::string title, content;
  std::optional<std::string> proposal;
  Sender sender;
  std::optional<std::string> location;
  std::optional<int64_t> latitude_e6, longitude_e6;
  std::optional<std::string> dossier_code;
  // The Open311 key of the application that sent it (set by the service, never
  // read from a request body).
  std::optional<int64_t> app_key_id;
};

// `official`: entered by an officer, who names the channel the item came through (a call to
// the hotline, a letter, in person); people on the portal always use the portal.
Result<Submission> read_submission(const boost::json::value& body, bool official);

struct ActionInput {
  FeedbackAction action = FeedbackAction::kRegister;
  int64_t expected_version = 0;
  std::optional<std::string> note;
  std::optional<int64_t> unit_id, assignee_id, category_id;
  std::optional<std::string> kind;
  std::optional<std::string> answer;
  bool publish = true;
  std::optional<std::string> withheld_reason;
  std::optional<int64_t> rating;
  std::optional<int64_t> extend_days;
  Sender sender;  // complete: what the draft lacked
  std::optional<std::string> content;
  std::optional<std::string> main_code;  // merge: the main item's code
  std::optional<std::string> case_kind;  // route_complaint: complaint | denunciation
  bool complex = false;                  // accept_case, extend_case: a complex case
  bool remote = false;                   // accept_case: a complaint in a remote area
  bool very_complex = false;             // extend_case: a very complex denunciation
  // forward_out: the competent body outside the province (its QCVN 102:2016 code and name), to
  // be sent an official document (forwarding.h); without it the forwarding is only recorded.
  std::optional<std::string> agency_code, agency_name;
};

// `sender`: the body of a sender's action (complete, rate, reopen), which carries no version.
Result<ActionInput> read_action(const boost::json::value& body, bool sender);

}  // namespace tinhso::feedback
