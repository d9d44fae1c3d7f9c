//! Diagrams as files and links.
