-- Email fragments typed from the start ("aaron.bradley") are answered by a range scan.
CREATE INDEX IF NOT EXISTS users_email ON users(email);
