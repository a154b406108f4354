"""The course's tables: loaded typed, validated before anyone reads them, their cells parsed
by the codebook's rules. Imports only ``course``."""
