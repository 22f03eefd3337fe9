"""Results: the canonical long frame with its typed fields (frame), notes as records and their texts (notes,
texts), the one rule for totals (totals), summary tables (tables), and atomic writing with a manifest (writing)."""
