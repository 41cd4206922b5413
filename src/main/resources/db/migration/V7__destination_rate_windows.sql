-- The attempts made to each rate-limited destination in its current window, counted by every instance's claims:
-- the window and the number of attempts it allows come from max-rate-per-second (delivery/RateWindow.java);
-- granted is what the last claim was given.
CREATE TABLE destination_rate_windows (
    destination    text PRIMARY KEY,
    window_started timestamptz NOT NULL,
    attempts       integer     NOT NULL,
    granted        integer     NOT NULL
);
