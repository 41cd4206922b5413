-- When an operator last resumed each destination: its deliveries could not be attempted while it was paused, so
-- neither its failing time nor how long its due deliveries have waited for a poller count from before then.
ALTER TABLE destination_health ADD COLUMN resumed_at timestamptz;
