-- Who cancelled a meeting: organizer, enterprise or investor when a person
-- did (the pair then stays out of later schedules until the organizer pins
-- it again); empty when a schedule or a cascade did, or while it is active.
ALTER TABLE meetings ADD COLUMN cancelled_by VARCHAR(16) NOT NULL DEFAULT '';
