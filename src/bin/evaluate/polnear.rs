//! Attribution scoring on PolNeAR.

pub fn run(_path: &str) -> Result<(), String> {
    Err("polnear scoring not written yet".into())
}
