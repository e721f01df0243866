// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), the open API FixMyStreet-style
// applications speak: the mapping between the feedback module's categories and items and the
// specification's documents (services, service definitions, service requests, errors), in JSON
// and XML. Pure: no HTTP (open311_api.cc), no database (service.cc reads, items.cc queries).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "feedback/feedback_input.h"
#include "feedback/items.h"

namespace tinhso::feedback::open311 {

enum class Format { kJson, kXml };

// "services.json" → {"services", kJson}; nullopt when the name ends in neither .json nor .xml.
std::optional<std::pair<std::string, Format>> split_format(std::string_view name);
std::string_view content_type(Format f);

// `doc` in `f`. In XML its root element is `root` (with the XML declaration, UTF-8); the items
// of an array are elements named by the specification's group tags (services → service,
// service_requests → request, attributes → attribute, values → value, errors → error, …).
// An error for text that is not UTF-8 (never a document that does not parse) or when libxml2
// fails.
Result<std::string> render(const boost::json::value& doc, Format f, std::string_view root);

// The specification's error document: [{code: the HTTP status, description}].
boost::json::array errors_json(int status, std::string_view description);

// An application/x-www-form-urlencoded body, decoded ('+' is a space); an error for malformed
// percent-escapes or text that is not UTF-8.
using Params = std::vector<std::pair<std::string, std::string>>;
Result<Params> parse_form(std::string_view body);
std::optional<std::string> param(const Params& p, std::string_view name);

// The attributes every service declares (its definition): what ND 20/2008 Art. 7 needs and the
// specification has no field for — the sender's address — and a petition's proposal.
inline constexpr std::string_view kSenderAddressAttribute = "dia_chi_nguoi_gui";
inline constexpr std::string_view kProposalAttribute = "de_xuat";

boost::json::object service_json(const Category& c);
boost::json::object service_definition_json(const Category& c);

// A POST requests' parameters as a submission (category by service_code, sender from first_name,
// last_name, phone, email and the attributes), checked as the portal's form is; its fields are
// named in the error as Open311 names them.
Result<Submission> read_request(const Params& p, const std::vector<Category>& categories);

// "open" while someone in the province still has to act (a merged item waits for its main one),
// "closed" once answered, closed or turned away.
std::string_view status_of(FeedbackStatus s);

// A published answer from the public list's projection (no personal data, no place).
boost::json::object published_request_json(const boost::json::object& row,
                                           std::string_view service_code);
// An item read back by the application that sent it: its own description and place, the
// status and, once answered, the answer.
boost::json::object own_request_json(const Item& it, const Category& c, std::string_view agency);

}  // namespace tinhso::feedback::open311
