-- Citizen feedback and petitions (phản ánh, kiến nghị — Nghị định 20/2008/NĐ-CP): categories
-- with their answering time, the items people send, and each item's history.

-- What people write about. answer_days: working days to answer (the decree sets none: data);
-- unit_id: the unit that usually answers it (reception may choose another).
CREATE TABLE feedback_categories (
  id @ID_PK@,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  subject TEXT NOT NULL,         -- administrative | socio_economic (ND 20/2008, Art. 5)
  unit_id BIGINT REFERENCES units(id),
  answer_days INTEGER,
  active INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0
);

INSERT INTO feedback_categories (code, name, subject, answer_days, position) VALUES
  ('thu_tuc', 'Thủ tục hành chính, quy định hành chính', 'administrative', 10, 1),
  ('can_bo', 'Hành vi, thái độ của cán bộ, công chức khi giải quyết công việc', 'administrative', 10, 2),
  ('dat_dai', 'Đất đai, xây dựng, trật tự đô thị', 'socio_economic', 15, 3),
  ('moi_truong', 'Môi trường, vệ sinh', 'socio_economic', 10, 4),
  ('ha_tang', 'Giao thông, hạ tầng, điện, nước', 'socio_economic', 10, 5),
  ('y_te_giao_duc', 'Y tế, giáo dục, an sinh xã hội', 'socio_economic', 10, 6),
  ('khac', 'Vấn đề khác', 'socio_economic', NULL, 7);

CREATE TABLE feedback_items (
  id @ID_PK@,
  code TEXT NOT NULL UNIQUE,     -- PAKN-<year>-<number in the year>: the reception register's
  kind TEXT NOT NULL,            -- reflection (phản ánh) | petition (kiến nghị: with a proposal)
  status TEXT NOT NULL,
  category_id BIGINT NOT NULL REFERENCES feedback_categories(id),
  channel TEXT NOT NULL,         -- portal | hotline | in_person | post | email
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  proposal TEXT,
  sender_name TEXT,
  sender_address TEXT,
  sender_phone TEXT,
  sender_email TEXT,
  sender_account_id BIGINT REFERENCES applicants(id),
  token_hash TEXT NOT NULL,      -- SHA-256 of the secret of the sender's link
  client_ip TEXT,                -- for the daily limit of items nobody can be reached about
  location TEXT,
  latitude_e6 BIGINT,            -- coordinates in millionths of a degree
  longitude_e6 BIGINT,
  dossier_code TEXT,
  suspected TEXT,                -- complaint | denunciation: words found, for reception to judge
  reception_unit_id BIGINT NOT NULL REFERENCES units(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),  -- whose queue it is in
  assignee_id BIGINT REFERENCES officials(id),
  received_at BIGINT NOT NULL,
  forward_due_at BIGINT,         -- reception's deadline to route it
  registered_at BIGINT,
  due_at BIGINT,                 -- the answer's deadline
  extended INTEGER NOT NULL DEFAULT 0,  -- the deadline was extended (once, before it passed)
  answer TEXT,
  answered_at BIGINT,
  answer_unit_id BIGINT REFERENCES units(id),
  timeliness TEXT,               -- on_time | late, when answered
  published INTEGER NOT NULL DEFAULT 0,
  withheld_reason TEXT,
  rating INTEGER,
  rating_comment TEXT,
  reopened INTEGER NOT NULL DEFAULT 0,
  closed_at BIGINT,
  folded TEXT NOT NULL,          -- title, content and answer without accents, for search
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX feedback_items_queue ON feedback_items(unit_id, status, due_at);
CREATE INDEX feedback_items_published ON feedback_items(published, answered_at);
CREATE INDEX feedback_items_sender_phone ON feedback_items(sender_phone, created_at);
CREATE INDEX feedback_items_sender_email ON feedback_items(sender_email, created_at);
CREATE INDEX feedback_items_sender_account ON feedback_items(sender_account_id, created_at);
CREATE INDEX feedback_items_client_ip ON feedback_items(client_ip, created_at);

CREATE TABLE feedback_events (
  id @ID_PK@,
  item_id BIGINT NOT NULL REFERENCES feedback_items(id),
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  status_from TEXT,
  status_to TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  actor_kind TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  note TEXT
);
CREATE INDEX feedback_events_item ON feedback_events(item_id, id);

-- The last number given in each year.
CREATE TABLE feedback_code_counters (
  year INTEGER PRIMARY KEY,
  n BIGINT NOT NULL
);
