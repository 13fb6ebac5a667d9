"""Pure legal computations. Each module names the texts it applies and reads legal values at a
date from :mod:`procedure.droit.parametres` (or the rate tables of :mod:`procedure.droit.taux`);
none does I/O except reading those shipped tables once."""
