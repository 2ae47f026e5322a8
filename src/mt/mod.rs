//! Machine translation: engines, and the protection that keeps glossary terms, names and
//! register quotes out of their hands.
//!
//! [`protect`] is pure. The engines ([`apertium`]) are the one place besides the CLI that
//! runs other programs (and, later, talks to the network).

pub mod apertium;
pub mod protect;
