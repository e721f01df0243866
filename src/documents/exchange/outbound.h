// The sending side of the edXML exchange: the outbox sender of channel "edxml". Messages are
// queued in the transaction that causes them — issue() for each outside recipient of a
// document, report_to_sender() for each status of a document that came from outside — and
// written, signed with the agency's key and sent here, on the dispatcher's thread, with the
// outbox's retries. A recipient row follows its delivery: sent, or failed with the reason.
#pragma once

#include "core/files/file_store.h"
#include "core/outbox/outbox.h"
#include "core/services.h"
#include "core/signing/file_signer.h"

namespace tinhso::documents::exchange {

outbox::Sender edxml_sender(Services& s, const signing::FileSigner& signer,
                            files::FileStore& files);

}  // namespace tinhso::documents::exchange
