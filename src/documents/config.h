// The documents module's settings: [documents] and [exchange] (edXML), declared here and loaded
// by core's key table (core/config/section.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/section.h"

namespace tinhso::documents {

struct DocumentsConfig {
  static constexpr std::string_view kSection = "documents";
  // Assignees are reminded (e-mail) when less working time than this remains.
  int reminder_hours = 8;
  // How often the reminder pass runs.
  int reminder_interval_seconds = 300;
  // Deadline for handling an incoming document when the leader sets none, in working days.
  int default_deadline_days = 10;
};

// edXML exchange of documents with agencies outside this installation (QCVN 102:2016).
struct ExchangeConfig {
  static constexpr std::string_view kSection = "exchange";
  // Where other agencies are reached directly: "<agency code>=<URL>" or "<.suffix>=<URL>" (every
  // code ending so, e.g. ".H48" for a whole province), the URL being another installation's base.
  std::vector<std::string> routes;
  // The national document axis (trục liên thông văn bản quốc gia) for agencies no route names;
  // empty: none. Messages are POSTed to this URL with the system id and secret as headers.
  std::string axis_url;
  std::string axis_system_id;
  std::string axis_secret;
  // Largest edXML message accepted (attachments included, base64).
  int64_t max_message_mb = 40;
  // Certificates that sign for agencies whose certificates do not name their agency code:
  // "<agency code or .suffix>=<SHA-256 fingerprint of the certificate, hex>".
  std::vector<std::string> sender_certificates;
  // Rejected messages a sender address may cause per minute (and in a burst) before its
  // messages are refused unread for a while; 0: no limit.
  int rejected_per_minute = 20;
  // How much of a rejected message is kept for inspection (its hash and size always are).
  int64_t rejected_keep_kb = 64;
};

// The two sections, in the order the sample file shows them.
std::span<const ConfigSection> config_sections();

}  // namespace tinhso::documents
