// Services: the shared objects of a running tinhso — configuration, database, clock, change
// log, caches, identity services and the outbox — handed to each module when it registers its
// routes.
#pragma once

namespace tinhso {

struct Config;
class Clock;
namespace storage {
class Database;
}
namespace audit {
class ChangeLog;
}
namespace identity {
class OrgCache;
class Authorizer;
class PasswordHasher;
class SessionStore;
class AuthService;
}  // namespace identity
namespace calendar {
class CalendarService;
}
namespace outbox {
class Dispatcher;
}
namespace files {
class TextExtractor;
}
namespace signing {
class FileSigner;
}

struct Services {
  const Config& config;
  storage::Database& db;
  Clock& clock;
  audit::ChangeLog& changes;
  identity::OrgCache& org;
  identity::Authorizer& authorizer;
  identity::PasswordHasher& passwords;
  identity::SessionStore& sessions;
  identity::AuthService& auth;
  calendar::CalendarService& calendar;
  // Messages to other systems; each module registers the senders of its channels.
  outbox::Dispatcher& outbox;
  // Reads uploaded PDFs' text in the background; modules that index it register a hook.
  files::TextExtractor& texts;
  // Signs files with people's and agencies' keys and verifies their signatures.
  const signing::FileSigner& signer;
};

}  // namespace tinhso
