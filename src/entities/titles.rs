//! TITLE: roles written before a name.
use super::features::DocCtx;
use crate::doc::Doc;
use crate::model::Label;

pub fn find(_doc: &Doc, _ctx: &DocCtx, _taken: &[bool]) -> Vec<(usize, usize, Label)> {
    Vec::new()
}
