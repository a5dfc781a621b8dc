-- RFC 6238 §5.2: a code is accepted once. The time step (Unix seconds / 30) of the code that
-- last signed the person in; a code of that step or an earlier one is refused. NULL: no code
-- of the current secret has signed them in yet (a new enrolment or a reset starts over).
ALTER TABLE mfa_secrets ADD COLUMN last_step INTEGER;
