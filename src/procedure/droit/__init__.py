"""Pure legal computations. Each module names the texts it applies; none does I/O
except :mod:`procedure.droit.taux`, which reads the shipped rate tables once."""
