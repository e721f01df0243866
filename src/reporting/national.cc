#include "reporting/national.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/base/crypto.h"
#include "core/net/outbound.h"

namespace tinhso::reporting {

using boost::json::array;
using boost::json::object;

bool sent_nationally(const ReportingConfig& c, const FormDef& f) {
  return !c.national_url.empty() && std::find(c.national_forms.begin(), c.national_forms.end(),
                                              f.code) != c.national_forms.end();
}

object national_payload(const Regime& g, const Period& p, const FormDef& f, const Report& r,
                        const Values& v, const identity::OrgTree& org,
                        const std::vector<StoredSignature>& signatures) {
  auto unit_json = [&](int64_t id) {
    const auto* u = org.find(id);
    return object{{"code", u ? u->code : std::to_string(id)}, {"name", u ? u->name : ""}};
  };
  Window w = window_of(g, p);
  array cells;
  for (const auto& row : f.rows) {
    for (const auto& c : f.columns) {
      auto it = v.find(cell_key(row.code, c.code));
      if (it == v.end()) continue;
      object cell{{"row", row.code},
                  {"rowLabel", row.label},
                  {"column", c.code},
                  {"columnLabel", c.label},
                  {"computed", is_computed(row, c)}};
      cell["value"] = values_json(Values{*it}).at(it->first);
      cells.push_back(std::move(cell));
    }
  }
  object o{{"form", object{{"code", f.code}, {"version", f.version}, {"title", f.title}}},
           {"regime", object{{"code", g.code}, {"name", g.name}, {"legalBasis", g.legal_basis}}},
           {"period", object{{"type", period_type_name(p.type)},
                             {"id", p.id()},
                             {"label", p.label_vi()},
                             {"from", format_iso_date(w.from)},
                             {"to", format_iso_date(w.to)}}},
           {"reportingUnit", unit_json(r.unit_id)},
           {"receivingUnit", unit_json(g.receiver_unit_id)},
           {"comment", r.comment},
           {"values", std::move(cells)}};
  o["submittedAt"] =
      r.submitted_at ? boost::json::value(format_rfc3339(from_millis(*r.submitted_at))) : nullptr;
  o["approvedAt"] =
      r.approved_at ? boost::json::value(format_rfc3339(from_millis(*r.approved_at))) : nullptr;
  o["approvedBy"] = r.approved_by ? boost::json::value(*r.approved_by) : nullptr;
  // The unit's (agency) signature as `signature`, the leader's who sent it as
  // `personalSignature`; either null when the report was sent without it.
  o["signature"] = nullptr;
  o["personalSignature"] = nullptr;
  for (const StoredSignature& s : signatures) {
    o[s.kind == kPersonalSignature ? "personalSignature" : "signature"] =
        object{{"format", "CMS detached, DER, base64"},
               {"signedContent", s.content},
               {"cms", crypto::base64_encode(s.cms)},
               {"signer", s.signer_name}};
  }
  return o;
}

outbox::Message national_message(const ReportingConfig& c, const Report& r, int64_t report_version,
                                 object payload) {
  return {"national_reporting",
          c.national_url,
          std::move(payload),
          fmt::format("national-report-{}-v{}", r.id, report_version),
          "report",
          std::to_string(r.id)};
}

outbox::Sender national_sender(const ReportingConfig& c) {
  return [c](const std::string& target, const boost::json::value& payload, const std::string& key) {
    std::vector<std::string> headers = {"Idempotency-Key: " + key};
    if (!c.national_token.empty()) headers.push_back("Authorization: Bearer " + c.national_token);
    auto r = net::post_json(target, boost::json::serialize(payload), headers);
    return outbox::Delivery{r.ok(), r.refused(), r.ok() ? "" : r.describe()};
  };
}

}  // namespace tinhso::reporting
