// The portal's editorial content — the centre's hotline, e-mail and offices, news and
// frequently asked questions — shown on the home, footer and help pages. An installation keeps
// its own in a JSON file (onestop.portal_content_file); without one the demo province's is used
// (resources/onestop/portal-content.json). Read and checked once, at start.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/base/result.h"

namespace tinhso::onestop {

// The content of `path` ("" for the embedded one), checked: every text a non-empty NFC
// string, news dated YYYY-MM-DD (newest first once loaded); an error names what is wrong.
Result<boost::json::object> load_portal_content(const std::string& path);

}  // namespace tinhso::onestop
