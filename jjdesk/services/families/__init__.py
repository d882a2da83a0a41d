"""The record families declared field by field: each field's name, Chinese and English label, kind, unit, limits,
form group, list column, export column and import header words, once (``enterprise``), plus the code checks
those fields use (``codes``). Everything that lists fields derives from these declarations."""
