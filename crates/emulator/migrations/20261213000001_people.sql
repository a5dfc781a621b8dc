-- People from creation to departure: a date of birth (ages decide coming of age and what a
-- guardian sees) and soft removal (the row stays for the audit trail; every read hides it).
ALTER TABLE users ADD COLUMN date_of_birth TEXT;
ALTER TABLE users ADD COLUMN removed_at INTEGER;

-- A removed person's contact is free again: the uniqueness backstops count present people only.
-- The stores' lookups repeat `removed_at IS NULL` so SQLite can still use these partial indexes.
DROP INDEX users_primary_email;
DROP INDEX users_primary_phone;
DROP INDEX users_staff_email;
CREATE UNIQUE INDEX users_primary_email ON users(org_id, lower(email))
    WHERE kind IN ('PATIENT', 'HCP', 'GUARDIAN') AND removed_at IS NULL;
CREATE UNIQUE INDEX users_primary_phone ON users(org_id, phone_digits)
    WHERE kind IN ('PATIENT', 'HCP', 'GUARDIAN') AND removed_at IS NULL;
CREATE UNIQUE INDEX users_staff_email ON users(org_id, lower(email))
    WHERE kind = 'STAFF' AND removed_at IS NULL;

-- The demo's named household, seeded before people had a date of birth (the seed gives new
-- databases the same dates).
UPDATE users SET date_of_birth = '1984-06-12' WHERE id = 'usr_john_guardian' AND date_of_birth IS NULL;
UPDATE users SET date_of_birth = '2017-03-04' WHERE id = 'usr_emily_dependent' AND date_of_birth IS NULL;
UPDATE users SET date_of_birth = '1991-09-30' WHERE id = 'usr_pat_patient' AND date_of_birth IS NULL;
