//! Channels: the accounts a brand posts from, one per network account.
//!
//! So far only the networks themselves ([`ChannelKind`]); the channels table, with
//! create and list, arrives with the calendar's CLI.

mod kind;

pub use kind::ChannelKind;
