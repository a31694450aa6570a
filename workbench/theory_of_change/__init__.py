"""The theory of change: the rationale register (which failure a programme addresses) and the chain
from instruments through outputs and outcomes to impacts, with its findings in words."""
