"""The quarter's tax figures from the invoices issued (Modelo 303 boxes, IRPF withheld)."""
