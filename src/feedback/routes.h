// The feedback module's HTTP routes, one register_* per *_api.cc file. Only the module
// (module.cc) and the route files include it.
#pragma once

#include "core/http/router.h"
#include "feedback/module.h"
#include "feedback/service.h"

namespace tinhso::feedback {

// The answer to a new item: its code, the secret of the sender's link (shown once), and what
// ND 20/2008 Art. 7 still requires when it was kept as a draft (public_api.cc).
boost::json::object submitted_json(const FeedbackService::Submitted& s);

// The file in a request's raw body, named by ?name= (attachments).
Result<FeedbackService::Upload> upload_of(const http::Context& ctx);

void register_feedback_routes(http::Router& router, Feedback& m);
void register_public_routes(http::Router& router, Feedback& m);
void register_open311_routes(http::Router& router, Feedback& m);
void register_category_routes(http::Router& router, Feedback& m);

}  // namespace tinhso::feedback
