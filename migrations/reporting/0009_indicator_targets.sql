-- The targets a province's plan sets for its digital-government indicators (indicators.h): at
-- least `percent` % of an indicator, with the plan that sets it. docs/reporting.md.
CREATE TABLE reporting_targets (
  indicator TEXT PRIMARY KEY,
  percent DOUBLE PRECISION NOT NULL,
  source TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
