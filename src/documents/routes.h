// The documents module's HTTP routes, one register_* per *_api.cc file, and the answer they
// share. Only the module (module.cc) and the route files include it.
#pragma once

#include "core/http/context.h"
#include "core/http/router.h"
#include "documents/module.h"

namespace tinhso::documents {

// The answer of the routes that change an incoming document: the entry as the caller sees it
// (incoming_api.cc).
Result<http::Response> incoming_detail(http::Context& ctx, Documents& m, int64_t id,
                                       int status = 200);

void register_incoming_routes(http::Router& router, Documents& m);
void register_handling_routes(http::Router& router, Documents& m);
void register_outgoing_routes(http::Router& router, Documents& m);
void register_arrival_routes(http::Router& router, Documents& m);
void register_exchange_routes(http::Router& router, Documents& m);
void register_task_routes(http::Router& router, Documents& m);
void register_statistics_routes(http::Router& router, Documents& m);
void register_search_routes(http::Router& router, Documents& m);
void register_work_file_routes(http::Router& router, Documents& m);

}  // namespace tinhso::documents
