//! Output writers: CSV, HTML, XLSX. (being written)
