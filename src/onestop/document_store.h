// A citizen's or business's document store (kho dữ liệu điện tử của tổ chức, cá nhân): every
// paper they submitted online and every electronic result returned to them is kept in their
// account, and can be chosen again in a new dossier instead of being uploaded again — the
// agency may not ask again for a paper it already holds digitised (docs/onestop.md cites the
// rule). Removing an item from the store hides it; the file stays with the dossiers that use it.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/audit/change_log.h"

namespace tinhso::onestop {

struct StoreItem {
  int64_t applicant_id = 0;
  int64_t file_id = 0;
  std::string kind;  // paper | result
  std::string title;
  std::optional<int64_t> dossier_id;
  std::optional<std::string> issued_by;
};

// Adds the file to the owner's store (once; a file already there is left as it is).
Status keep_in_store(storage::Tx& tx, const StoreItem& item, int64_t now_ms);
// Whether `file_id` is in the store of `applicant_id` (and not removed).
Result<bool> in_store(storage::Tx& tx, int64_t applicant_id, int64_t file_id);
// The store's items, newest first: {id, kind, kind_label, title, file{…}, dossier_code, issued_by,
// created_at, signed}.
Result<boost::json::array> list_store(storage::Tx& tx, int64_t applicant_id);
// The file id of one item of the owner's store; 404 otherwise.
Result<int64_t> store_file(storage::Tx& tx, int64_t applicant_id, int64_t item_id);
Status remove_from_store(audit::ChangeTx& tx, int64_t applicant_id, int64_t item_id);

}  // namespace tinhso::onestop
