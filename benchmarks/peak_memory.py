"""Peak memory of the current process, shared by the benchmarks (run as scripts: ``benchmarks/`` is on sys.path)."""

from __future__ import annotations

from pathlib import Path


def peak_mb() -> float:
    """This process's own peak resident memory in MB. ``ru_maxrss`` would do on a fresh process, but after
    fork+exec Linux carries the parent's peak over into it; VmHWM belongs to the new address space alone."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
