//! Reading CoNLL-2003 style files (`word POS chunk NE`, IOB1 or IOB2,
//! `-DOCSTART-` between documents) into documents the engine can read:
//! tokens joined by single spaces, sentences by `"\n"`, gold entities as byte
//! spans. Used by the training tool and the evaluator only.

use crate::doc::Doc;

/// A gold document.
pub struct GoldDoc {
    pub text: String,
    /// (start byte, end byte, type: PER/ORG/LOC/MISC)
    pub entities: Vec<(usize, usize, String)>,
}

/// Parses a CoNLL file's contents.
pub fn parse(src: &str) -> Vec<GoldDoc> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut ents: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<(usize, usize, String)> = None;
    let mut sent_has_tokens = false;
    let flush =
        |text: &mut String, ents: &mut Vec<(usize, usize, String)>, docs: &mut Vec<GoldDoc>| {
            if !text.trim().is_empty() {
                docs.push(GoldDoc {
                    text: std::mem::take(text),
                    entities: std::mem::take(ents),
                });
            }
            text.clear();
            ents.clear();
        };
    for line in src.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if let Some(e) = open.take() {
                ents.push(e);
            }
            flush(&mut text, &mut ents, &mut docs);
            sent_has_tokens = false;
            continue;
        }
        if line.is_empty() {
            if let Some(e) = open.take() {
                ents.push(e);
            }
            if sent_has_tokens {
                text.push('\n');
            }
            sent_has_tokens = false;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let word = cols[0];
        let tag = *cols.last().unwrap_or(&"O");
        if sent_has_tokens {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(word);
        let end = text.len();
        sent_has_tokens = true;
        let (bio, ty) = match tag.split_once('-') {
            Some((b, t)) => (b, t),
            None => ("O", ""),
        };
        match bio {
            "B" | "I" => {
                let continues = bio == "I" && open.as_ref().map_or(false, |o| o.2 == ty);
                if continues {
                    if let Some(o) = open.as_mut() {
                        o.1 = end;
                    }
                } else {
                    if let Some(e) = open.take() {
                        ents.push(e);
                    }
                    open = Some((start, end, ty.to_string()));
                }
            }
            _ => {
                if let Some(e) = open.take() {
                    ents.push(e);
                }
            }
        }
    }
    if let Some(e) = open.take() {
        ents.push(e);
    }
    flush(&mut text, &mut ents, &mut docs);
    for d in &mut docs {
        while d.text.ends_with('\n') {
            d.text.pop();
        }
    }
    docs
}

/// Index of a CoNLL type in [`super::features::TYPES`].
pub fn type_index(ty: &str) -> Option<usize> {
    super::features::TYPES.iter().position(|t| *t == ty)
}

/// Gold BIO tags for our own tokens: a token inside a gold entity takes its
/// type, B on the entity's first token.
pub fn align(doc: &Doc, entities: &[(usize, usize, String)]) -> Vec<u8> {
    let mut spans = Vec::new();
    let mut k = 0;
    let toks = &doc.tokens;
    for (s, e, ty) in entities {
        let Some(ty) = type_index(ty) else { continue };
        while k < toks.len() && toks[k].span.start < *s {
            k += 1;
        }
        let first = k;
        let mut j = k;
        while j < toks.len() && toks[j].span.end <= *e {
            j += 1;
        }
        if j > first {
            spans.push((first, j, ty));
        }
        k = j;
    }
    super::tagger::tags_from_spans(toks.len(), &spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_documents_sentences_and_entities() {
        let src = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nLONDON NNP B-NP B-LOC\n";
        let docs = parse(src);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "EU rejects German call\nPeter Blackburn");
        let e: Vec<(&str, &str)> = docs[0]
            .entities
            .iter()
            .map(|(s, e, t)| (&docs[0].text[*s..*e], t.as_str()))
            .collect();
        assert_eq!(
            e,
            vec![
                ("EU", "ORG"),
                ("German", "MISC"),
                ("Peter Blackburn", "PER")
            ]
        );
        let d = Doc::new(&docs[0].text);
        assert_eq!(align(&d, &docs[0].entities), vec![3, 0, 7, 0, 1, 2]);
    }
}
