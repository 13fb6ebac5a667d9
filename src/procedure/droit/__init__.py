"""Pure law: each module cites the texts it applies and reads legal values at a date."""
