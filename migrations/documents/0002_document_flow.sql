-- Documents (issue 5), second part: handling incoming documents (assignment with working-day
-- deadlines), outgoing documents from draft to issue with their register numbers, replies,
-- delivery to recipient units and the recipients' status reported back to the sender.
ALTER TABLE incoming_documents ADD COLUMN status TEXT NOT NULL DEFAULT 'registered';
ALTER TABLE incoming_documents ADD COLUMN due_at BIGINT;         -- the lead assignee's deadline
ALTER TABLE incoming_documents ADD COLUMN completed_at BIGINT;
ALTER TABLE incoming_documents ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- The outgoing document this entry was delivered from (same installation), if any.
ALTER TABLE incoming_documents ADD COLUMN source_recipient_id BIGINT;
CREATE INDEX incoming_documents_status ON incoming_documents(unit_id, status, due_at);

-- Who handles an incoming document: one lead, cooperating units or people, and units or
-- people informed. Forwarding inside a unit adds a row whose parent is the forwarded one.
CREATE TABLE document_assignments (
  id @ID_PK@,
  document_id BIGINT NOT NULL REFERENCES incoming_documents(id),
  role TEXT NOT NULL,            -- lead | cooperate | inform
  unit_id BIGINT NOT NULL REFERENCES units(id),
  official_id BIGINT REFERENCES officials(id),  -- NULL: the unit as a whole
  parent_id BIGINT REFERENCES document_assignments(id),
  assigned_by BIGINT NOT NULL,
  assigned_at BIGINT NOT NULL,
  due_at BIGINT,                 -- NULL for inform
  status TEXT NOT NULL,          -- open | forwarded | done
  done_at BIGINT,
  reminded_at BIGINT
);
CREATE INDEX document_assignments_document ON document_assignments(document_id);
CREATE INDEX document_assignments_unit ON document_assignments(unit_id, status, due_at);
CREATE INDEX document_assignments_official ON document_assignments(official_id, status, due_at);
CREATE INDEX document_assignments_due ON document_assignments(status, due_at);

-- The timeline of a document: registration, assignment, comments with drafts, forwarding,
-- completion, review and approval, issue, delivery and the recipients' statuses.
CREATE TABLE document_events (
  id @ID_PK@,
  subject_type TEXT NOT NULL,    -- incoming | outgoing
  subject_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  note TEXT,
  data TEXT                      -- JSON
);
CREATE INDEX document_events_subject ON document_events(subject_type, subject_id, id);

CREATE TABLE document_event_files (
  event_id BIGINT NOT NULL REFERENCES document_events(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  PRIMARY KEY (event_id, file_id)
);

CREATE TABLE outgoing_documents (
  id @ID_PK@,
  unit_id BIGINT NOT NULL REFERENCES units(id),           -- issuing agency, whose register numbers it
  drafting_unit_id BIGINT NOT NULL REFERENCES units(id),
  doc_type TEXT NOT NULL,
  subject TEXT NOT NULL,
  urgency TEXT NOT NULL,
  confidentiality TEXT NOT NULL,
  pages INTEGER,
  status TEXT NOT NULL,          -- draft | in_review | approved | issued
  drafted_by BIGINT NOT NULL REFERENCES officials(id),
  reviewer_id BIGINT REFERENCES officials(id),            -- whom an in_review draft awaits
  signer_id BIGINT REFERENCES officials(id),
  signer_name TEXT,
  signer_position TEXT,
  approved_at BIGINT,
  year INTEGER,
  number BIGINT,
  notation TEXT,
  issued_on TEXT,
  issued_at BIGINT,
  issued_by BIGINT,
  folded TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (unit_id, year, number)
);
CREATE INDEX outgoing_documents_unit ON outgoing_documents(unit_id, status, updated_at);
CREATE INDEX outgoing_documents_drafting ON outgoing_documents(drafting_unit_id, status);

-- The current draft (replaced at each revision; earlier drafts stay in the timeline) and the
-- attachments issued with it.
CREATE TABLE outgoing_document_files (
  document_id BIGINT NOT NULL REFERENCES outgoing_documents(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  kind TEXT NOT NULL,            -- main | attachment
  PRIMARY KEY (document_id, file_id)
);

-- Recipients of an outgoing document: a unit of this installation, or an external agency by
-- its electronic code. status follows what the recipient reports back.
CREATE TABLE outgoing_recipients (
  id @ID_PK@,
  document_id BIGINT NOT NULL REFERENCES outgoing_documents(id),
  unit_id BIGINT REFERENCES units(id),
  agency_code TEXT,
  name TEXT NOT NULL,
  status TEXT NOT NULL,          -- pending | sent | received | refused | assigned | processing | done
  status_at BIGINT,
  status_note TEXT,
  UNIQUE (document_id, unit_id),
  UNIQUE (document_id, agency_code)
);
CREATE INDEX outgoing_recipients_unit ON outgoing_recipients(unit_id, status);

-- Electronic documents that reached a unit and await its clerk: registering one creates the
-- incoming entry, refusing it tells the sender.
CREATE TABLE document_arrivals (
  id @ID_PK@,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  recipient_id BIGINT REFERENCES outgoing_recipients(id),  -- sent from this installation
  issuer_name TEXT NOT NULL,
  issuer_code TEXT,
  notation TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  subject TEXT NOT NULL,
  urgency TEXT NOT NULL,
  confidentiality TEXT NOT NULL,
  pages INTEGER,
  signer_name TEXT,
  received_at BIGINT NOT NULL,
  status TEXT NOT NULL,          -- pending | registered | refused
  incoming_id BIGINT REFERENCES incoming_documents(id),
  decided_at BIGINT,
  decided_by BIGINT,
  refusal_reason TEXT
);
CREATE INDEX document_arrivals_unit ON document_arrivals(unit_id, status, received_at);

CREATE TABLE document_arrival_files (
  arrival_id BIGINT NOT NULL REFERENCES document_arrivals(id),
  file_id BIGINT NOT NULL REFERENCES files(id),
  PRIMARY KEY (arrival_id, file_id)
);

-- An outgoing document answers incoming ones; the trail is read both ways.
CREATE TABLE document_replies (
  outgoing_id BIGINT NOT NULL REFERENCES outgoing_documents(id),
  incoming_id BIGINT NOT NULL REFERENCES incoming_documents(id),
  PRIMARY KEY (outgoing_id, incoming_id)
);
CREATE INDEX document_replies_incoming ON document_replies(incoming_id);
