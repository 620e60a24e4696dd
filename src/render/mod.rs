//! Rendering SQL text: quoting rules shared with pg_dump ([`quote`], [`keywords`]) and the
//! plain-text archive layout ([`toc`]).

pub mod acl;
pub mod constraint_def;
pub mod index_def;
pub mod keywords;
pub mod quote;
pub mod toc;
