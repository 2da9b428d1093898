//! Rebuilds `data/technical-difficulties.ron` from `data/technical-difficulties.txt`
//! (a verbatim copy of the seed text), split into contributors as the seed's
//! SEGMENTS.md describes. Run: `cargo run --example seed_to_ron`.

use crosstalk::model::{Contributor, ConversationFile, Role, SectionFile, segment};

/// (id, name, affiliation, role, first block, last block), blocks 1-based.
const SEGMENTS: &[(&str, &str, &str, Role, usize, usize)] = &[
    ("seiff", "Abby Seiff", "ChinaFile", Role::Moderator, 3, 7),
    (
        "hoffman",
        "Samantha Hoffman",
        "Australian Strategic Policy Institute",
        Role::Respondent,
        8,
        10,
    ),
    ("ku", "Julian Ku", "Hofstra University", Role::Respondent, 11, 16),
    ("wang", "Yaqiu Wang", "Human Rights Watch", Role::Respondent, 17, 24),
    ("webster", "Graham Webster", "Stanford University (DigiChina)", Role::Respondent, 25, 29),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string("data/technical-difficulties.txt")?;
    let blocks = segment::blocks(&text);
    let block = |n: usize| blocks.get(n - 1).map(|b| b.to_string()).ok_or("missing block");
    let file = ConversationFile {
        id: "technical-difficulties".into(),
        title: block(1)?,
        subtitle: block(2)?,
        source: "https://www.chinafile.com/conversation/technical-difficulties".into(),
        date: "2020-09".into(),
        contributors: SEGMENTS
            .iter()
            .map(|&(id, name, affiliation, role, _, _)| Contributor {
                id: id.into(),
                name: name.into(),
                // The debate's own style: respondents by surname.
                short: name.split_whitespace().last().unwrap_or(name).into(),
                affiliation: affiliation.into(),
                role,
            })
            .collect(),
        sections: SEGMENTS
            .iter()
            .map(|&(id, .., first, last)| {
                Ok(SectionFile {
                    contributor: id.into(),
                    paragraphs: (first..=last).map(block).collect::<Result<_, _>>()?,
                    ..Default::default()
                })
            })
            .collect::<Result<_, &str>>()?,
        ..Default::default()
    };
    std::fs::write("data/technical-difficulties.ron", crosstalk::store::to_ron(&file)?)?;
    Ok(())
}
