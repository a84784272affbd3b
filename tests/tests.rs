//! Integration tests spawning the real binary.
