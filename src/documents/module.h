// Documents: the objects of the document-management module of a running tinhso (issue 5) —
// its file store and the reminder pass that warns assignees before their deadlines — and the
// registration of its HTTP routes (routes.h).
#pragma once

#include <functional>

#include "core/base/periodic_task.h"
#include "core/files/file_store.h"
#include "core/module/module.h"
#include "core/services.h"
#include "core/signing/file_signer.h"
#include "documents/access.h"
#include "documents/arrival_service.h"
#include "documents/exchange/inbound.h"
#include "documents/exchange_log_service.h"
#include "documents/incoming_service.h"
#include "documents/outgoing_service.h"
#include "documents/register_service.h"
#include "documents/task_service.h"
#include "documents/work_file_service.h"

namespace tinhso::http {
class Router;
}  // namespace tinhso::http

namespace tinhso::documents {

// The module's declaration (core/module/module.h), listed in app/modules.cc.
const ModuleDef& module_def();

class Documents : public Module {
 public:
  explicit Documents(Services& s);
  ~Documents() override;
  Documents(const Documents&) = delete;
  Documents& operator=(const Documents&) = delete;

  Services& services() { return s_; }
  files::FileStore& files() { return files_; }
  const signing::FileSigner& signer() const { return s_.signer; }
  exchange::Receiver& receiver() { return receiver_; }
  ArrivalService& arrivals() { return arrivals_; }
  ExchangeLogService& exchange_log() { return exchange_log_; }
  IncomingService& incoming() { return incoming_; }
  OutgoingService& outgoing() { return outgoing_; }
  RegisterService& registers() { return registers_; }
  TaskService& tasks() { return tasks_; }
  WorkFileService& work_files() { return work_files_; }
  // Whether an agency outside this installation can be sent edXML (a route or the axis).
  std::function<bool(std::string_view)> routable() const;
  // Signs file `file_id` with the key `key_name` when signing is enabled.
  Result<std::optional<signing::FileSignature>> maybe_sign(std::string_view key_name,
                                                           std::string_view kind, int64_t file_id);
  // The signatures of the files listed in `doc["files"]`, verified now, as doc["signatures"].
  Status add_signatures(storage::Tx& tx, boost::json::object& doc);
  // Work with less working time than this left is near due, and its assignees are reminded.
  int64_t warning_seconds() const;

  // Starts the periodic reminder pass (the server calls it; command-line tools need not).
  void register_routes(http::Router& router) override;
  void start() override { reminders_.start(); }
  void stop() override { reminders_.stop(); }
  // One reminder pass; returns how many assignments were reminded.
  Result<int> remind_once();

 private:
  Services& s_;
  files::FileStore files_;
  exchange::Receiver receiver_;
  ArrivalService arrivals_{*this};
  ExchangeLogService exchange_log_{*this};
  IncomingService incoming_{*this};
  OutgoingService outgoing_{*this};
  RegisterService registers_{*this};
  TaskService tasks_{*this};
  WorkFileService work_files_{*this};
  PeriodicTask reminders_;  // last: stopped before the members its job uses are destroyed
};

}  // namespace tinhso::documents
