-- Administrative levels and kinds of unit as data, not code (the 2025 reforms: since 1 July 2025
-- local government has two levels, the province and the commune level — xã, phường, đặc khu —
-- and no districts; Luật Tổ chức chính quyền địa phương 2025). A province adds its own kinds
-- here; units, procedures and screens read both tables. Existing units keep their level and
-- kind: the district level stays for the history recorded before it ended.

CREATE TABLE unit_levels (
  key TEXT PRIMARY KEY,
  label_vi TEXT NOT NULL,
  level_rank BIGINT NOT NULL,  -- 0 the highest; a unit's level never ranks above its parent's
  ended_on TEXT          -- 'YYYY-MM-DD', the last day the level existed; NULL: in force
);
INSERT INTO unit_levels (key, label_vi, level_rank, ended_on) VALUES
  ('province', 'Cấp tỉnh', 0, NULL),
  ('district', 'Cấp huyện', 1, '2025-06-30'),
  ('commune', 'Cấp xã', 2, NULL);

CREATE TABLE unit_kinds (
  key TEXT PRIMARY KEY,
  label_vi TEXT NOT NULL,
  at_level TEXT REFERENCES unit_levels(key),  -- NULL: a kind found at any level
  -- A people's committee of an administrative unit: a procedure performed "at a level" is
  -- received by every such unit of that level.
  committee BIGINT NOT NULL DEFAULT 0,
  list_order BIGINT NOT NULL
);
INSERT INTO unit_kinds (key, label_vi, at_level, committee, list_order) VALUES
  ('people_committee', 'Ủy ban nhân dân', NULL, 1, 1),
  ('province', 'Ủy ban nhân dân tỉnh', 'province', 1, 2),
  ('city', 'Ủy ban nhân dân thành phố trực thuộc trung ương', 'province', 1, 3),
  ('commune', 'Ủy ban nhân dân xã', 'commune', 1, 4),
  ('ward', 'Ủy ban nhân dân phường', 'commune', 1, 5),
  ('special_zone', 'Ủy ban nhân dân đặc khu', 'commune', 1, 6),
  ('department', 'Sở, ban, ngành', NULL, 0, 7),
  ('division', 'Phòng, ban chuyên môn', NULL, 0, 8),
  ('service_centre', 'Trung tâm phục vụ hành chính công', NULL, 0, 9),
  ('vertical_agency', 'Cơ quan ngành dọc tại địa phương', NULL, 0, 10),
  ('other', 'Đơn vị khác', NULL, 0, 11);
