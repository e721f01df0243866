-- Items forwarded to a competent body outside the province (ND 20/2008 Art. 9) as an official
-- document of the documents module, sent by edXML once it is issued (feedback/forwarding.h).
CREATE TABLE feedback_forwards (
  item_id BIGINT PRIMARY KEY REFERENCES feedback_items(id),
  agency_code TEXT NOT NULL,   -- QCVN 102:2016 code of the receiving body
  agency_name TEXT NOT NULL,
  document_id BIGINT NOT NULL UNIQUE REFERENCES outgoing_documents(id),
  created_at BIGINT NOT NULL
);
