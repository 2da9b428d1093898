//! The tag set a new annotation file starts with, chosen for the bundled
//! debate, and the palette new tags take their colours from.

use super::{Rgb, Tag};

/// Distinct, readable-on-dark colours (Tableau 10, lightened where needed),
/// used in order for default and new tags.
pub const PALETTE: [Rgb; 12] = [
    Rgb(0x4E, 0x79, 0xA7),
    Rgb(0xE1, 0x57, 0x59),
    Rgb(0x59, 0xA1, 0x4F),
    Rgb(0xF2, 0x8E, 0x2B),
    Rgb(0xB0, 0x7A, 0xA1),
    Rgb(0x76, 0xB7, 0xB2),
    Rgb(0xED, 0xC9, 0x48),
    Rgb(0xFF, 0x9D, 0xA7),
    Rgb(0x9C, 0x75, 0x5F),
    Rgb(0xBA, 0xB0, 0xAC),
    Rgb(0x86, 0xBC, 0xB6),
    Rgb(0xD3, 0x72, 0x95),
];

const DEFAULTS: [(&str, &str); 8] = [
    (
        "risk-mitigation proposal",
        "Proposes a concrete way to reduce the risks posed by the apps or their owners.",
    ),
    (
        "human-rights framing",
        "Frames the problem in terms of rights: speech, privacy, freedom from repression.",
    ),
    ("national-security claim", "Asserts or disputes a threat to national security."),
    (
        "privacy & data protection",
        "Concerns who collects users' data, where it goes and how it is protected.",
    ),
    (
        "censorship & surveillance",
        "Describes censorship or surveillance by platforms or governments.",
    ),
    (
        "reciprocity & market access",
        "Compares market access across borders or calls for reciprocity.",
    ),
    ("critique of the ban", "Argues against the bans, their motives or their effects."),
    (
        "geopolitics & U.S.-China rivalry",
        "Places the bans in the wider contest between the U.S. and China.",
    ),
];

/// The starting tag set: eight tags, the first seven on quick keys 1–7.
pub fn default_tags() -> Vec<Tag> {
    DEFAULTS
        .iter()
        .enumerate()
        .map(|(i, (name, description))| Tag {
            name: (*name).to_owned(),
            color: PALETTE[i],
            description: (*description).to_owned(),
            key: (i < 7).then_some(i as u8 + 1),
        })
        .collect()
}
