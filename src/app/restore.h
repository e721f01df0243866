// Finishing a restore from a backup. A database put back from a backup lacks everything done
// after the backup was taken — among it numbers people already hold: dossier codes on receipts,
// register numbers on documents sent, feedback codes. Issuing them again would give two records
// one number. A backup made by `tinhso backup` carries a stamp (storage::backup_stamp), and a
// server refuses to serve a stamped database until `tinhso restore finish` has moved every
// module's counters past the backup (ModuleDef::after_restore) in one audited transaction.
// PostgreSQL dumps carry no stamp: the operator runs `tinhso restore finish --taken-at …` after
// pg_restore or a point-in-time recovery (docs/operations.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/app.h"

namespace tinhso::app {

// Refused (503) when the database is a restored backup not yet finished.
Status refuse_unfinished_restore(App& app);

// Refused (503) when the database lacks entries this node's newest signed audit checkpoint
// recorded (audit.checkpoint_file): it was put back to an earlier time — a PostgreSQL dump or
// point-in-time recovery, a SQLite file copied back — and no `tinhso restore finish` has said
// so since. Counters would otherwise issue again numbers people already hold. Accepted, with a
// warning, once a finished restore names a backup taken before that checkpoint.
Status refuse_rewound_database(App& app);

struct RestoreArgs {
  std::string taken_at;  // RFC 3339; required when the database has no stamp
  std::optional<int64_t> margin;
  std::string issued_file;  // codes known to have been issued after the backup, one per line
};
// `tinhso restore finish`. Exit codes: 0 done, 1 failed (nothing changed).
int finish_restore(App& app, const RestoreArgs& args);

}  // namespace tinhso::app
