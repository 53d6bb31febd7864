-- The case store, version 9: the photo a public alert shows is chosen by whoever issues it, and recorded.
-- Plain SQL that H2 2.x and PostgreSQL 12+ both accept, like V1.

-- The image attachment of the case that the alert's CAP messages show; null when none was chosen.
ALTER TABLE hw_alert ADD COLUMN photo_attachment_id UUID;
