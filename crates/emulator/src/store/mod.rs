//! One query module per table (or per tightly bound pair of tables).

pub mod accounts;
pub mod audit;
pub mod auth_requests;
pub mod changes;
pub mod clients;
pub mod keys;
pub mod roles;
pub mod settings;
pub mod tokens;
pub mod users;
