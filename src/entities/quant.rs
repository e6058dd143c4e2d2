//! The quantisation of the tagger's weights, shared by the engine
//! (`tagger.rs`), the training tool and `build.rs` (which lays the weights
//! out as the engine scores them), so the three agree to the bit.

/// The step of a row with scale code `e`: weight `q` of that row stands for
/// `q * row_scale(e, max)`.
pub fn row_scale(e: u8, max: f32) -> f32 {
    max * (-(e as f32) / 4.0).exp2() / 127.0
}
