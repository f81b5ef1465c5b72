//! The pipeline: wires the stages; the only place that uses rayon. (being written)
