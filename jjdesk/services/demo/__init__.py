"""Demo data: the source article's facts and generated platform members, reproducible from a seed."""
