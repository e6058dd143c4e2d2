//! Clusters.
use super::{ClusterInfo, Mention};

pub fn assign(_src: &str, _mentions: &mut [Mention]) -> Vec<ClusterInfo> {
    Vec::new()
}
