// Approved reports sent to the Government's reporting information system (Hệ thống thông tin
// báo cáo Chính phủ, part of the national reporting information system ND 09/2019 provides for;
// built under QĐ 62/QĐ-VPCP of 2020 — the articles to verify) through the outbox: for the forms the
// province lists (reporting.national_forms), on approval, one message per approved version. The
// system's interface is not published to us: the JSON below is what we infer a receiver needs — the
// form, period and window, reporting and receiving units, approval, every cell, and the unit's
// signature with the bytes it signed — and is marked "verify" in docs/reporting.md. Tests send
// it to a local stub server.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/identity/org_tree.h"
#include "core/outbox/outbox.h"
#include "reporting/config.h"
#include "reporting/report_signature.h"
#include "reporting/reports.h"

namespace tinhso::reporting {

bool sent_nationally(const ReportingConfig& c, const FormDef& f);

boost::json::object national_payload(const Regime& g, const Period& p, const FormDef& f,
                                     const Report& r, const Values& v, const identity::OrgTree& org,
                                     const std::vector<StoredSignature>& signatures);

outbox::Message national_message(const ReportingConfig& c, const Report& r, int64_t report_version,
                                 boost::json::object payload);

// POSTs with the bearer token and the message's idempotency key; 4xx other than 408/429 are
// permanent failures (an administrator sends them again once fixed).
outbox::Sender national_sender(const ReportingConfig& c);

}  // namespace tinhso::reporting
